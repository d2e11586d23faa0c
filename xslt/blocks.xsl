<?xml version="1.0" encoding="UTF-8"?>
<!--
  blocks.xsl: a FRUS document (or a note) as blocks of laid-out text, for the outputs that print
  text (tei-to-text.xsl, tei-to-json.xsl). Imports lookups.xsl (finding things, plain text).

  Everything here lives in the tt: namespace (functions, modes, named templates), so an importing
  stylesheet keeps the default mode and the unprefixed names for itself.

    1. Blocks               tt:blocks($element) (mode tt:flatten): the document (or a note) as a
                            flat sequence of maps: one per block (paragraph, list item, table row,
                            opener or closer line …) with its kind (tt:block-kind of the element
                            that owns its text), that element's parent (rows of one table), whether
                            it is frame (the document's own opener, closer and dateline) and its
                            inline content as a flat stream of events (mode tt:events): the
                            source's text nodes, and marker maps for mention starts and ends,
                            footnote markers, page breaks in the text and tabs between table cells;
                            and one per page break standing between blocks (tt:is-page-break).
    2. Layout               tt:layout($block): the block's text with whitespace normalised as
                            history.state.gov prints it, as a sequence of strings interleaved with
                            marker maps (footnote markers, page breaks, mention starts and ends),
                            each carrying its offset (in Unicode code points) in the text;
                            tt:block-text($layout): the text alone.

  Whitespace rule (what history.state.gov does, and what the raw text shows): every run of
  whitespace becomes one space, a block is trimmed, and a footnote marker is glued to the
  character before it (whitespace before a <note> is dropped).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:frus="http://history.state.gov/frus/ns/1.0"
    xmlns:tt="urn:x-telegram-tei:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="lookups.xsl"/>

  <!-- ========================================================================================= -->
  <!-- 1. Blocks (mode tt:flatten) and their inline content (mode tt:events)                     -->
  <!-- ========================================================================================= -->

  <!--
    Nothing here builds a tree: a block is a map, and its inline content a sequence of the source's
    own text nodes, strings and small marker maps. (Blocks used to be temporary elements holding
    copies of the text: in SaxonJS building and copying those trees, and the generate-id() calls
    that told them apart, cost more than the rest of the text and JSON stylesheets.)
  -->

  <!-- Which nodes start a block of their own when they stand in mixed content. (A lookup
       rather than a mode: it is asked of every node, and a map is much faster in SaxonJS.) -->
  <xsl:variable name="tt:block-elements" as="map(xs:string, xs:boolean)" select="map:merge((
      'p', 'ab', 'head', 'opener', 'closer', 'dateline', 'salute', 'signed', 'byline', 'docAuthor',
      'list', 'item', 'table', 'row', 'postscript', 'div', 'lg', 'l', 'trailer', 'argument',
      'epigraph', 'floatingText', 'listBibl', 'figure', 'castList', 'sp'
    ) ! map { .: true() })"/>

  <xsl:function name="tt:is-block" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node instance of element() and (
        (namespace-uri($node) eq 'http://www.tei-c.org/ns/1.0' and $tt:block-elements(local-name($node)))
        or exists($node[self::label[parent::list]
                      | self::seg[parent::opener or parent::closer]
                      | self::note[@type = 'source'][@rend = 'inline']
                      | self::quote[@rend = 'blockquote' or p or list or table or lg or ab]
                      | self::cit[quote[@rend = 'blockquote']]
                      | self::bibl[parent::listBibl]
                      | self::stage[not(ancestor::p)]
                      | self::space[@dim = 'vertical']
                      | self::frus:attachment]))"/>
  </xsl:function>

  <!-- The kind of block an element makes: its local name, with a few refinements. -->
  <xsl:function name="tt:block-kind" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:apply-templates select="$element" mode="tt:block-kind"/>
  </xsl:function>
  <xsl:template match="*" mode="tt:block-kind" as="xs:string">{local-name()}</xsl:template>
  <xsl:template match="head[parent::div[@type = 'document']]" mode="tt:block-kind" as="xs:string">head</xsl:template>
  <xsl:template match="head" mode="tt:block-kind" as="xs:string">heading</xsl:template>
  <xsl:template match="note[@type = 'source'][@rend = 'inline']" mode="tt:block-kind" as="xs:string">source</xsl:template>

  <!-- The blocks of a document (or of a note: pass the note), in reading order. Each item is
         a block:  map { 'kind': tt:block-kind of the element that owns its text,
                         'parent': that element's parent (tells the rows of one table apart),
                         'frame': true() for the document's own opener, closer and dateline,
                         'events': its inline content (mode tt:events) }, or
         a page break standing between blocks:  map { 'page': true(), 'n': @n, 'id': @xml:id,
                         'frame': … }. -->
  <xsl:function name="tt:blocks" as="map(*)*">
    <xsl:param name="within" as="element()"/>
    <xsl:apply-templates select="$within" mode="tt:flatten"/>
  </xsl:function>

  <!-- Whether an item of tt:blocks is a page break between blocks (else it is a block). -->
  <xsl:function name="tt:is-page-break" as="xs:boolean">
    <xsl:param name="item" as="map(*)"/>
    <xsl:sequence select="map:contains($item, 'page')"/>
  </xsl:function>

  <!-- Any element in block position: its children, with the inline stretches made into blocks
       and the nested blocks flattened in turn. $prefix: inline events to put in front of the
       first block (a list item's label). -->
  <xsl:template match="*" mode="tt:flatten" as="map(*)*">
    <xsl:param name="prefix" as="item()*" select="()"/>
    <xsl:call-template name="tt:flatten-mixed">
      <xsl:with-param name="prefix" select="$prefix"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The document's own opener, closer and dateline: marked as frame. -->
  <xsl:template match="*[tt:is-frame(.)]" mode="tt:flatten" priority="2" as="map(*)*">
    <xsl:next-match>
      <xsl:with-param name="frame" select="true()" tunnel="yes"/>
    </xsl:next-match>
  </xsl:template>

  <!-- The inline source note at the top: one block, whatever is in it. -->
  <xsl:template match="note[@type = 'source'][@rend = 'inline']" mode="tt:flatten" as="map(*)*">
    <xsl:call-template name="tt:block">
      <xsl:with-param name="events" as="item()*">
        <xsl:apply-templates mode="tt:events"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A list: its head, then each item with its label in front; a label without an item
       stands alone. -->
  <xsl:template match="label[following-sibling::*[1][self::item]][parent::list]" mode="tt:flatten"/>
  <xsl:template match="item[preceding-sibling::*[1][self::label]][parent::list]" mode="tt:flatten" as="map(*)*">
    <xsl:variable name="label" as="item()*">
      <xsl:apply-templates select="preceding-sibling::label[1]/node()" mode="tt:events"/>
    </xsl:variable>
    <xsl:call-template name="tt:flatten-mixed">
      <xsl:with-param name="prefix" select="if (normalize-space(string-join($label[not(. instance of map(*))])))
                                            then ($label, ' ') else ()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A table row: one block, the cells separated by a tab marker. -->
  <xsl:template match="row" mode="tt:flatten" as="map(*)*">
    <xsl:call-template name="tt:block">
      <xsl:with-param name="events" as="item()*">
        <xsl:for-each select="cell">
          <xsl:if test="position() gt 1"><xsl:sequence select="$tt:tab"/></xsl:if>
          <xsl:apply-templates mode="tt:events"/>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:variable name="tt:tab" as="map(*)" select="map { 'kind': 'tab' }"/>

  <!-- The children of the context element, as blocks. -->
  <xsl:template name="tt:flatten-mixed" as="map(*)*">
    <xsl:param name="prefix" as="item()*" select="()"/>
    <xsl:variable name="owner" select="."/>
    <xsl:if test="exists($prefix) and node()[1][tt:is-block(.)]">
      <xsl:call-template name="tt:block">
        <xsl:with-param name="events" select="$prefix"/>
        <xsl:with-param name="kind" select="'label'"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:for-each-group select="node()" group-adjacent="tt:group-key(.)">
      <xsl:choose>
        <xsl:when test="current-grouping-key() eq 'inline'">
          <xsl:variable name="events" as="item()*">
            <xsl:if test="position() = 1"><xsl:sequence select="$prefix"/></xsl:if>
            <xsl:apply-templates select="current-group()" mode="tt:events"/>
          </xsl:variable>
          <xsl:choose>
            <xsl:when test="some $e in $events satisfies
                            (if ($e instance of map(*)) then $e?kind eq 'note' else normalize-space($e))">
              <xsl:call-template name="tt:block">
                <xsl:with-param name="events" select="$events"/>
                <xsl:with-param name="owner" select="$owner"/>
              </xsl:call-template>
            </xsl:when>
            <!-- nothing but whitespace and page breaks: page breaks between blocks -->
            <xsl:otherwise>
              <xsl:call-template name="tt:page-breaks">
                <xsl:with-param name="events" select="$events"/>
              </xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:when>
        <xsl:when test="current-grouping-key() eq 'break'"/>
        <xsl:otherwise>
          <xsl:apply-templates select="current-group()" mode="tt:flatten"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:template>

  <!-- Adjacent nodes of one key are one group: inline content makes one block; each block element
       is flattened on its own; a line break in block position ends the block (a dateline's
       "[Received …]" line). -->
  <xsl:function name="tt:group-key" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="if (tt:is-block($node)) then 'block'
        else if ($node[self::lb]) then 'break'
        else 'inline'"/>
  </xsl:function>

  <xsl:template name="tt:page-breaks" as="map(*)*">
    <xsl:param name="events" as="item()*"/>
    <xsl:param name="frame" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:for-each select="$events[. instance of map(*)][?kind eq 'pb']">
      <xsl:sequence select="map { 'page': true(), 'n': ?n, 'id': ?id, 'frame': $frame }"/>
    </xsl:for-each>
  </xsl:template>

  <!-- Make one block of the given inline events, owned by the context element. -->
  <xsl:template name="tt:block" as="map(*)">
    <xsl:param name="events" as="item()*"/>
    <xsl:param name="owner" as="element()" select="."/>
    <xsl:param name="kind" as="xs:string" select="tt:block-kind($owner)"/>
    <xsl:param name="frame" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:sequence select="map { 'kind': $kind, 'parent': $owner/.., 'frame': $frame, 'events': $events }"/>
  </xsl:template>

  <!-- Inline content, as a flat stream of events: the source's text nodes (not copies), strings,
       and marker maps: map { 'kind': 'note', 'id', 'n', 'type' } where a footnote marker stands,
       map { 'kind': 'pb', 'n', 'id' } for a page break, map { 'kind': 'mention-start' | 'mention-end',
       'element': the mention } around a mention, map { 'kind': 'tab' } between table cells. -->
  <xsl:mode name="tt:events" on-no-match="shallow-skip"/>
  <xsl:template match="text()" mode="tt:events" as="text()">
    <xsl:sequence select="."/>
  </xsl:template>
  <!-- Indentation at the edge of an element (whitespace with a line break, first or last child)
       is not text: "<placeName>
          <hi>Washington</hi>
       </placeName>," is "Washington,". -->
  <xsl:template match="text()[not(normalize-space())][contains(., '&#10;')]
                             [not(preceding-sibling::node()) or not(following-sibling::node())]"
      mode="tt:events"/>
  <xsl:template match="note" mode="tt:events" as="map(*)">
    <xsl:sequence select="map { 'kind': 'note', 'id': tt:note-id(.), 'n': tt:note-number(.), 'type': string(@type) }"/>
  </xsl:template>
  <xsl:template match="pb" mode="tt:events" as="map(*)">
    <xsl:sequence select="map { 'kind': 'pb', 'n': string(@n), 'id': string(@xml:id) }"/>
  </xsl:template>
  <!-- a line break inside inline markup: a space -->
  <xsl:template match="lb" mode="tt:events" as="xs:string">
    <xsl:sequence select="' '"/>
  </xsl:template>
  <xsl:template match="fw | teiHeader | standOff" mode="tt:events"/>
  <!-- a mention: start and end markers around its content -->
  <xsl:template match="persName | placeName | geogName | orgName | rs | date | time | gloss | term | name"
      mode="tt:events" as="item()*">
    <xsl:variable name="mention" select="."/>
    <xsl:sequence select="map { 'kind': 'mention-start', 'element': $mention }"/>
    <xsl:apply-templates mode="tt:events"/>
    <xsl:sequence select="map { 'kind': 'mention-end', 'element': $mention }"/>
  </xsl:template>

  <!-- ========================================================================================= -->
  <!-- 2. Layout of a block                                                                      -->
  <!-- ========================================================================================= -->

  <!--
    The block's text as a sequence of strings (concatenated, they are the text) with a marker map
    where each footnote marker, page break, mention start and mention end stands:
      map { 'kind': 'note', 'offset', 'id', 'n', 'type' }, map { 'kind': 'pb', 'offset', 'id', 'n' },
      map { 'kind': 'mention-start' | 'mention-end', 'offset', 'element': the mention,
            'item': the marker's position in the layout, 'at': the offset of the text after it
            (a mention's start offset is one more when the space before it is owed) }.
    Offsets count Unicode code points (XPath string-length) from the start of the text.
    Whitespace: runs become one space, the block is trimmed (also around a tab marker), and a
    space before a footnote marker is dropped.
  -->
  <xsl:function name="tt:layout" as="item()*">
    <xsl:param name="block" as="map(*)"/>
    <xsl:iterate select="$block?events">
      <!-- code points of text so far -->
      <xsl:param name="length" as="xs:integer" select="0"/>
      <!-- items of the layout so far -->
      <xsl:param name="count" as="xs:integer" select="0"/>
      <!-- a space is owed before the next text -->
      <xsl:param name="pending" as="xs:boolean" select="false()"/>
      <!-- at the start of the block or of a table cell: no space owed -->
      <xsl:param name="fresh" as="xs:boolean" select="true()"/>
      <xsl:choose>
        <xsl:when test="not(. instance of map(*))">
          <xsl:variable name="squeezed" select="replace(., '\s+', ' ')"/>
          <xsl:variable name="core" select="normalize-space($squeezed)"/>
          <!-- (tested for emptiness, not compared: SaxonJS compares strings code point by code point) -->
          <xsl:choose>
            <xsl:when test="not($core)">
              <xsl:next-iteration>
                <xsl:with-param name="pending" select="$pending or $squeezed eq ' '"/>
              </xsl:next-iteration>
            </xsl:when>
            <xsl:otherwise>
              <xsl:variable name="space" select="($pending or starts-with($squeezed, ' ')) and not($fresh)"/>
              <xsl:sequence select="if ($space) then ' ' || $core else $core"/>
              <xsl:next-iteration>
                <xsl:with-param name="length" select="$length + string-length($core) + (if ($space) then 1 else 0)"/>
                <xsl:with-param name="count" select="$count + 1"/>
                <xsl:with-param name="pending" select="ends-with($squeezed, ' ')"/>
                <xsl:with-param name="fresh" select="false()"/>
              </xsl:next-iteration>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:when>
        <xsl:when test="?kind eq 'tab'">
          <xsl:sequence select="'&#9;'"/>
          <xsl:next-iteration>
            <xsl:with-param name="length" select="$length + 1"/>
            <xsl:with-param name="count" select="$count + 1"/>
            <xsl:with-param name="pending" select="false()"/>
            <xsl:with-param name="fresh" select="true()"/>
          </xsl:next-iteration>
        </xsl:when>
        <xsl:when test="?kind eq 'note'">
          <xsl:sequence select="map { 'kind': 'note', 'offset': $length, 'id': ?id, 'n': ?n, 'type': ?type }"/>
          <xsl:next-iteration>
            <xsl:with-param name="count" select="$count + 1"/>
            <xsl:with-param name="pending" select="false()"/>
          </xsl:next-iteration>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="kind" select="?kind"/>
          <xsl:sequence select="
              if ($kind eq 'pb') then map { 'kind': 'pb', 'offset': $length, 'id': ?id, 'n': ?n }
              else map { 'kind': $kind, 'element': ?element, 'item': $count + 1, 'at': $length,
                         'offset': if ($kind eq 'mention-start' and $pending and not($fresh)) then $length + 1 else $length }"/>
          <xsl:next-iteration>
            <xsl:with-param name="count" select="$count + 1"/>
          </xsl:next-iteration>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:iterate>
  </xsl:function>

  <!-- The text alone (no markers). -->
  <xsl:function name="tt:block-text" as="xs:string">
    <xsl:param name="layout" as="item()*"/>
    <xsl:sequence select="string-join($layout[not(. instance of map(*))])"/>
  </xsl:function>

</xsl:stylesheet>

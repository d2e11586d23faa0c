<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl: shared templates and functions for every telegram-tei output
  (tei-to-text.xsl, tei-to-json.xsl, tei-to-html.xsl).

  Input: either a whole TEI document (teiHeader, optional standOff, text/body/div[@type='document'])
  or a bare FRUS <div type="document"> as the Office of the Historian publishes it.

  Everything here lives in the tt: namespace (functions, modes, named templates, keys), so an
  importing stylesheet keeps the default mode and the unprefixed names for itself.

  What it offers, in the order of this file:
    1. Finding things       tt:document (the document div), tt:tei (the TEI element, if any),
                            tt:id-ref ("#x" → "x"), tt:source-note, tt:is-footnote, tt:is-frame,
                            tt:footnotes, tt:note-number, tt:note-id, tt:entity (standOff record a
                            mention's @ref points to), tt:entity-kind, tt:mention-type,
                            tt:file-number, tt:dateline, tt:document-date; key tt:id (xml:id)
    2. Plain text           tt:plain($nodes): their text without notes or page breaks, whitespace
                            normalised (mode tt:plain)
    3. Blocks               tt:blocks($element) (mode tt:flatten): the document (or a note) as a
                            flat sequence of maps: one per block (paragraph, list item, table row,
                            opener or closer line …) with its kind (tt:block-kind of the element
                            that owns its text), that element's parent (rows of one table), whether
                            it is frame (the document's own opener, closer and dateline) and its
                            inline content as a flat stream of events (mode tt:events): the
                            source's text nodes, and marker maps for mention starts and ends,
                            footnote markers, page breaks in the text and tabs between table cells;
                            and one per page break standing between blocks (tt:is-page-break).
    4. Layout               tt:layout($block): the block's text with whitespace normalised as
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

  <!-- ========================================================================================= -->
  <!-- 1. Finding things                                                                         -->
  <!-- ========================================================================================= -->

  <xsl:key name="tt:id" match="*[@xml:id]" use="string(@xml:id)"/>

  <!-- The document: the first div[@type='document'], else the body, else the root element. -->
  <xsl:function name="tt:document" as="element()?">
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="root" select="root($context)"/>
    <xsl:sequence select="(
        $root/descendant-or-self::div[@type = 'document'],
        $root/descendant::body,
        $root/descendant-or-self::*[1])[1]"/>
  </xsl:function>

  <!-- The TEI element above the document, if the input is a whole TEI document. -->
  <xsl:function name="tt:tei" as="element(TEI)?">
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="root($context)/descendant-or-self::TEI[1]"/>
  </xsl:function>

  <!-- "#p_DJF1" → "p_DJF1" (also for a list of pointers: only the first is taken). -->
  <xsl:function name="tt:id-ref" as="xs:string?">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:variable name="all" select="normalize-space($pointer)"/>
    <xsl:variable name="first" select="if (contains($all, ' ')) then substring-before($all, ' ') else $all"/>
    <xsl:sequence select="if (not($first)) then () else if (starts-with($first, '#')) then substring($first, 2) else $first"/>
  </xsl:function>

  <!-- The source note: an inline note[@type='source'] at the top of the document (1940s volumes)
       or, in later volumes, the numbered note[@type='source'] on the head. -->
  <xsl:function name="tt:source-note" as="element(note)?">
    <xsl:param name="doc" as="element()"/>
    <xsl:sequence select="(
        $doc/note[@type = 'source'],
        $doc/head//note[@type = 'source'],
        $doc/head//note[starts-with(normalize-space(), 'Source:')])[1]"/>
  </xsl:function>

  <!-- A note printed at the foot (every note but an inline one, such as the source note line). -->
  <xsl:function name="tt:is-footnote" as="xs:boolean">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="not($note/@rend = 'inline' or $note/@place = 'inline')"/>
  </xsl:function>

  <!-- The document's frame: its own opener, closer and dateline (the parts the "bare" rendering
       of history.state.gov leaves out). -->
  <xsl:function name="tt:is-frame" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element[self::opener or self::closer or self::dateline]
                                         [parent::div[@type = 'document']])"/>
  </xsl:function>

  <!-- The footnotes of a document (or of any part of it), in document order. -->
  <xsl:function name="tt:footnotes" as="element(note)*">
    <xsl:param name="within" as="element()"/>
    <xsl:sequence select="$within//note[tt:is-footnote(.)]"/>
  </xsl:function>

  <!-- The number a footnote is printed with: its @n, else its position among the footnotes. -->
  <xsl:function name="tt:note-number" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="if (normalize-space($note/@n))
        then normalize-space($note/@n)
        else string(count(($note/preceding::note | $note/ancestor::note)[tt:is-footnote(.)]
                             [not(ancestor::teiHeader or ancestor::standOff)]) + 1)"/>
  </xsl:function>

  <!-- A stable identifier for a note: its xml:id, else one made from its number. -->
  <xsl:function name="tt:note-id" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="if ($note/@xml:id) then string($note/@xml:id)
        else 'fn' || count($note/preceding::note | $note/ancestor::note) + 1"/>
  </xsl:function>

  <!-- The authority record a mention points to with @ref, looked up in the standOff. -->
  <xsl:function name="tt:entity" as="element()?">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="id" select="tt:id-ref($mention/@ref)"/>
    <xsl:sequence select="if ($id)
        then key('tt:id', $id, root($mention))[ancestor::standOff][1]
        else ()"/>
  </xsl:function>

  <!-- What kind of thing an authority record describes. -->
  <xsl:function name="tt:entity-kind" as="xs:string">
    <xsl:param name="entity" as="element()"/>
    <xsl:apply-templates select="$entity" mode="tt:entity-kind"/>
  </xsl:function>
  <xsl:template match="person | personGrp" mode="tt:entity-kind" as="xs:string">person</xsl:template>
  <xsl:template match="place" mode="tt:entity-kind" as="xs:string">place</xsl:template>
  <xsl:template match="org" mode="tt:entity-kind" as="xs:string">org</xsl:template>
  <xsl:template match="*[@type = 'role'] | role" mode="tt:entity-kind" as="xs:string">role</xsl:template>
  <xsl:template match="*" mode="tt:entity-kind" as="xs:string">{local-name()}</xsl:template>

  <!-- What a mention in the text is: person, place, org, role, date, term or name (empty for an
       element that is not a mention). -->
  <xsl:variable name="tt:mention-types" as="map(xs:string, xs:string)" select="map {
      'persName': 'person', 'placeName': 'place', 'geogName': 'place', 'orgName': 'org',
      'rs': 'role', 'date': 'date', 'time': 'date', 'gloss': 'term', 'term': 'term', 'name': 'name' }"/>

  <xsl:function name="tt:mention-type" as="xs:string?">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="if (namespace-uri($element) = 'http://www.tei-c.org/ns/1.0')
                          then $tt:mention-types(local-name($element)) else ()"/>
  </xsl:function>

  <!-- The State Department decimal file number: from the header if the converter recorded it,
       else from the source note ("761.91/8–348: Telegram"; "…Central Files, 747C.00/10–2556."). -->
  <xsl:function name="tt:file-number" as="xs:string?">
    <xsl:param name="doc" as="element()"/>
    <xsl:variable name="header" select="tt:tei($doc)/teiHeader//idno[@type = 'frus-file-number']"/>
    <xsl:variable name="note" select="tt:source-note($doc)"/>
    <xsl:variable name="text" select="if ($note) then tt:plain($note) else ''"/>
    <xsl:variable name="pattern"
        select="'[0-9]{3}[0-9A-Za-z.]*( [A-Z][A-Za-z]+)?/[0-9A-Za-z]+([–\-][0-9A-Za-z]+)*'"/>
    <xsl:sequence select="(
        normalize-space($header[1])[.],
        if ($note/@rend = 'inline' and matches($text, '^' || $pattern))
          then replace($text, '^(' || $pattern || ').*$', '$1') else (),
        if (matches($text, 'Central Files,\s*' || $pattern))
          then replace($text, '^.*?Central Files,\s*(' || $pattern || ').*$', '$1') else ()
        )[1]"/>
  </xsl:function>

  <!-- The document's own dateline: in its opener, or standing directly in the div (not a
       dateline that only says "[Received …]"). -->
  <xsl:function name="tt:dateline" as="element(dateline)?">
    <xsl:param name="doc" as="element()"/>
    <xsl:sequence select="($doc/opener/dateline, $doc/dateline)
                          [not(starts-with(normalize-space(), '[Received'))][1]"/>
  </xsl:function>

  <!-- The document date, ISO 8601 (xs:date or xs:dateTime as the TEI gives it): the dateline's
       date, else the date of sending in the header, else the FRUS date range if it is one day. -->
  <xsl:function name="tt:document-date" as="xs:string?">
    <xsl:param name="doc" as="element()"/>
    <xsl:variable name="dateline-date" select="tt:dateline($doc)//date[@when][1]/@when"/>
    <xsl:variable name="sent" select="tt:tei($doc)/teiHeader//correspAction[@type = 'sent']/date/@when"/>
    <!-- FRUS's own date range of the document (the doc-dateTime min and max attributes on gold divs) -->
    <xsl:variable name="range" select="$doc/@*[namespace-uri() = 'http://history.state.gov/frus/ns/1.0']"/>
    <xsl:variable name="min" select="string($range[local-name() = 'doc-dateTime-min'])"/>
    <xsl:variable name="max" select="string($range[local-name() = 'doc-dateTime-max'])"/>
    <xsl:sequence select="(
        string($dateline-date)[.],
        string($sent[1])[.],
        if ($min and $min = $max) then $min
        else if ($min and substring($min, 1, 10) = substring($max, 1, 10)) then substring($min, 1, 10)
        else ()
        )[1]"/>
  </xsl:function>

  <!-- ========================================================================================= -->
  <!-- 2. Plain text                                                                             -->
  <!-- ========================================================================================= -->

  <!-- The text of nodes without the notes and page breaks in them, whitespace normalised.
       tt:plain($head) is the head without its footnotes; tt:plain($note) is the note's text. -->
  <xsl:function name="tt:plain" as="xs:string">
    <xsl:param name="node" as="node()*"/>
    <xsl:variable name="parts" as="xs:string*">
      <!-- a note asked for itself gives its text; notes inside what is asked for are left out -->
      <xsl:apply-templates select="$node ! (if (self::note) then node() else .)" mode="tt:plain"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join($parts))"/>
  </xsl:function>

  <xsl:mode name="tt:plain" on-no-match="shallow-skip"/>
  <xsl:template match="text()" mode="tt:plain" as="xs:string">{.}</xsl:template>
  <xsl:template match="note | pb | fw | teiHeader | standOff" mode="tt:plain"/>
  <xsl:template match="lb | cell[preceding-sibling::cell] | item | label" mode="tt:plain" as="xs:string*">
    <xsl:sequence select="' '"/>
    <xsl:apply-templates mode="tt:plain"/>
  </xsl:template>

  <!-- ========================================================================================= -->
  <!-- 3. Blocks (mode tt:flatten) and their inline content (mode tt:events)                     -->
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
  <!-- 4. Layout of a block                                                                      -->
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

<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei-to-text.xsl: a FRUS document in TEI → plain text.

  $layout = 'raw' (default): the layout of the text copied from history.state.gov, i.e. the text
  telegram-tei reads; rendering the TEI made from a raw text gives that text back:

      761.91/8–348: Telegram                      source note line (1940s volumes)
                                                  blank line
      The Ambassador in France (Caffery) to …     head (with the document number in later volumes)
                                                  two blank lines
      secret                                      blocks: opener parts, paragraphs, list items
                                                  ("label text"), table rows (cells separated by
      Paris, August 3, 1948—7 p. m.               tabs), closer parts, "[Page N]" between blocks;
                                                  one blank line between blocks
      4017. Mytel 4001, August 3.1 The Shah …     footnote markers glued to the character before,
      … Soviet [Page 169] Ambassador.             page breaks in the text as " [Page N] "
                                                  blank line
        1. Not printed; …                         footnotes, "  N. text"; a further paragraph
                                                  of a note after a blank line, indented 4 spaces

  $layout = 'reading': a clean reading text: no page markers, footnote markers as "[1]", the notes
  at the end as "[1] text".

  $bare = true(): leave out the document's own opener, closer and dateline (and their notes), as
  history.state.gov's "bare" rendering of a document does (the "bare" variant of the dev corpus).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tt="urn:x-telegram-tei:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="blocks.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="layout" as="xs:string" select="'raw'"/>
  <xsl:param name="bare" as="xs:boolean" select="false()"/>

  <xsl:variable name="raw" as="xs:boolean" select="$layout ne 'reading'"/>

  <!-- ========================================================================================= -->

  <xsl:template match="/">
    <xsl:variable name="doc" select="tt:document(.)"/>
    <xsl:variable name="blocks" as="map(*)*"
        select="tt:blocks($doc)[not($bare and ?frame)]"/>
    <xsl:variable name="notes" as="element(note)*"
        select="tt:footnotes($doc)[not($bare and ancestor::*[tt:is-frame(.)])]"/>
    <xsl:variable name="body" as="xs:string" select="tt:join(tt:rendered($blocks), '', '')"/>
    <xsl:variable name="foot" as="xs:string*">
      <xsl:apply-templates select="$notes" mode="tt:footnote"/>
    </xsl:variable>
    <xsl:value-of select="string-join(($body[.], tt:join-notes($foot)[.]), '&#10;&#10;') || '&#10;'"/>
  </xsl:template>

  <!-- The blocks as text: map { 'text', 'kind', 'parent' } for each that prints something (the
       kind and parent of a page break between blocks are empty). -->
  <xsl:function name="tt:rendered" as="map(*)*">
    <xsl:param name="blocks" as="map(*)*"/>
    <xsl:for-each select="$blocks">
      <xsl:variable name="text" as="xs:string?" select="
          if (tt:is-page-break(.)) then (if ($raw) then '[Page ' || ?n || ']' else ())
          else tt:block-string(.)"/>
      <xsl:if test="$text">
        <xsl:sequence select="map { 'text': $text, 'kind': string(?kind), 'parent': ?parent }"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:function>

  <!-- Rendered blocks joined: a blank line between them, two after the document's head, the rows
       of a table one a line. $first goes before the first block, $more before each further one
       (a footnote's number and indentation). -->
  <xsl:function name="tt:join" as="xs:string">
    <xsl:param name="out" as="map(*)*"/>
    <xsl:param name="first" as="xs:string"/>
    <xsl:param name="more" as="xs:string"/>
    <xsl:sequence select="string-join(
        for $i in 1 to count($out)
        return if ($i = 1) then $first || $out[1]?text
               else tt:separator($out[$i - 1], $out[$i]) || $more || $out[$i]?text)"/>
  </xsl:function>

  <xsl:function name="tt:separator" as="xs:string">
    <xsl:param name="before" as="map(*)"/>
    <xsl:param name="after" as="map(*)"/>
    <xsl:sequence select="
        if ($before?kind eq 'head') then '&#10;&#10;&#10;'
        else if ($before?kind eq 'row' and $after?kind eq 'row' and $before?parent is $after?parent) then '&#10;'
        else '&#10;&#10;'"/>
  </xsl:function>

  <!-- Footnotes, one a line; a note of several paragraphs is followed by a blank line. -->
  <xsl:function name="tt:join-notes" as="xs:string">
    <xsl:param name="foot" as="xs:string*"/>
    <xsl:sequence select="string-join(
        for $i in 1 to count($foot)
        return (if ($i = 1) then ''
                else if (contains($foot[$i - 1], '&#10;')) then '&#10;&#10;'
                else '&#10;') || $foot[$i])"/>
  </xsl:function>

  <!-- ========================================================================================= -->
  <!-- One block                                                                                 -->

  <xsl:function name="tt:block-string" as="xs:string?">
    <xsl:param name="block" as="map(*)"/>
    <xsl:variable name="text" select="string-join(tt:layout($block) ! tt:marker(.))"/>
    <!-- a page marker brings spaces of its own: squeeze them, and trim (not the tabs) -->
    <xsl:sequence select="replace(replace($text, ' {2,}', ' '), '^ +| +$', '')[.]"/>
  </xsl:function>

  <!-- The text, and the markers tt:layout puts between the text: a footnote number (glued to the
       character before), a page marker. A note the input gave no marker (type="unanchored",
       placed at the end by the converter) gets none back. (A function, not a mode: it runs for
       every piece.) -->
  <xsl:function name="tt:marker" as="xs:string">
    <xsl:param name="item" as="item()"/>
    <xsl:sequence select="
        if (not($item instance of map(*))) then $item
        else if ($item?kind eq 'note' and $item?type eq 'unanchored') then (if ($raw) then '' else ' [' || $item?n || ']')
        else if ($item?kind eq 'note') then (if ($raw) then $item?n else '[' || $item?n || ']')
        else if ($item?kind eq 'pb' and $raw) then ' [Page ' || $item?n || '] '
        else ''"/>
  </xsl:function>

  <!-- ========================================================================================= -->
  <!-- One footnote: "  N. text", further paragraphs after a blank line, indented four spaces    -->

  <xsl:template match="note" mode="tt:footnote" as="xs:string">
    <xsl:variable name="n" select="tt:note-number(.)"/>
    <xsl:variable name="label" select="if ($raw) then '  ' || $n || '. ' else '[' || $n || '] '"/>
    <xsl:variable name="paragraphs" select="tt:rendered(tt:blocks(.))"/>
    <xsl:sequence select="if (empty($paragraphs)) then replace($label, ' $', '')
                          else tt:join($paragraphs, $label, '    ')"/>
  </xsl:template>

</xsl:stylesheet>

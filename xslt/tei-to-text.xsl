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

  <xsl:import href="common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="layout" as="xs:string" select="'raw'"/>
  <xsl:param name="bare" as="xs:boolean" select="false()"/>

  <xsl:variable name="raw" as="xs:boolean" select="$layout ne 'reading'"/>

  <!-- ========================================================================================= -->

  <xsl:template match="/">
    <xsl:variable name="doc" select="tt:document(.)"/>
    <xsl:variable name="blocks" as="element()*"
        select="tt:blocks($doc)[not($bare and @frame = 'true')]"/>
    <xsl:variable name="notes" as="element(note)*"
        select="tt:footnotes($doc)[not($bare and ancestor::*[tt:is-frame(.)])]"/>
    <xsl:variable name="body" as="xs:string" select="tt:join-blocks($blocks)"/>
    <xsl:variable name="foot" as="xs:string*">
      <xsl:apply-templates select="$notes" mode="tt:footnote"/>
    </xsl:variable>
    <xsl:value-of select="string-join(($body[.], tt:join-notes($foot, $notes)[.]), '&#10;&#10;') || '&#10;'"/>
  </xsl:template>

  <!-- Blocks, a blank line between them; two after the document's head; the rows of a table
       one a line. -->
  <xsl:function name="tt:join-blocks" as="xs:string">
    <xsl:param name="blocks" as="element()*"/>
    <xsl:variable name="rendered" as="element()*">
      <xsl:for-each select="$blocks">
        <xsl:variable name="text" as="xs:string?">
          <xsl:apply-templates select="." mode="tt:render"/>
        </xsl:variable>
        <xsl:if test="$text">
          <tt:out kind="{@kind}" parent="{@parent}">{$text}</tt:out>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="string-join(
        for $i in 1 to count($rendered)
        return (if ($i gt 1) then tt:separator($rendered[$i - 1], $rendered[$i]) else '') || string($rendered[$i]))"/>
  </xsl:function>

  <xsl:function name="tt:separator" as="xs:string">
    <xsl:param name="before" as="element()"/>
    <xsl:param name="after" as="element()"/>
    <xsl:sequence select="
        if ($before/@kind = 'head') then '&#10;&#10;&#10;'
        else if ($before/@kind = 'row' and $after/@kind = 'row' and $before/@parent = $after/@parent) then '&#10;'
        else '&#10;&#10;'"/>
  </xsl:function>

  <!-- Notes, one a line; a note of several paragraphs is followed by a blank line. -->
  <xsl:function name="tt:join-notes" as="xs:string">
    <xsl:param name="foot" as="xs:string*"/>
    <xsl:param name="notes" as="element(note)*"/>
    <xsl:sequence select="string-join(
        for $i in 1 to count($foot)
        return (if ($i = 1) then ''
                else if (contains($foot[$i - 1], '&#10;')) then '&#10;&#10;'
                else '&#10;') || $foot[$i])"/>
  </xsl:function>

  <!-- ========================================================================================= -->
  <!-- One block                                                                                 -->

  <xsl:template match="tt:block" mode="tt:render" as="xs:string?">
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="tt:layout(.)" mode="tt:marker"/>
    </xsl:variable>
    <!-- a page marker brings spaces of its own: squeeze them, and trim (not the tabs) -->
    <xsl:sequence select="replace(replace(string-join($parts), ' {2,}', ' '), '^ +| +$', '')[.]"/>
  </xsl:template>

  <xsl:template match="tt:pb" mode="tt:render" as="xs:string?">
    <xsl:if test="$raw">[Page {@n}]</xsl:if>
  </xsl:template>

  <!-- text, and the markers tt:layout puts between the text -->
  <xsl:template match=".[. instance of xs:string]" mode="tt:marker" as="xs:string">
    <xsl:sequence select="."/>
  </xsl:template>
  <xsl:template match=".[. instance of map(*)][?kind = 'note']" mode="tt:marker" as="xs:string">
    <xsl:sequence select="if ($raw) then ?n else '[' || ?n || ']'"/>
  </xsl:template>
  <xsl:template match=".[. instance of map(*)][?kind = 'pb']" mode="tt:marker" as="xs:string">
    <xsl:sequence select="if ($raw) then ' [Page ' || ?n || '] ' else ''"/>
  </xsl:template>
  <xsl:template match=".[. instance of map(*)]" mode="tt:marker" as="xs:string" priority="-1">
    <xsl:sequence select="''"/>
  </xsl:template>

  <!-- ========================================================================================= -->
  <!-- One footnote: "  N. text", further paragraphs after a blank line, indented four spaces    -->

  <xsl:template match="note" mode="tt:footnote" as="xs:string">
    <xsl:variable name="paragraphs" as="xs:string*">
      <xsl:for-each select="tt:blocks(.)">
        <xsl:apply-templates select="." mode="tt:render"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="label" select="if ($raw) then '  ' || tt:note-number(.) || '. '
                                       else '[' || tt:note-number(.) || '] '"/>
    <xsl:variable name="indent" select="if ($raw) then '    ' else '    '"/>
    <xsl:sequence select="string-join((
        $label || $paragraphs[1],
        for $p in subsequence($paragraphs, 2) return $indent || $p), '&#10;&#10;')"/>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  lookups.xsl: finding things in a FRUS document, and its plain text. Shared by every output:
  tei-to-html.xsl imports it directly; tei-to-text.xsl and tei-to-json.xsl through blocks.xsl.
  (Kept apart from blocks.xsl because SaxonJS walks the whole compiled stylesheet at the start of
  every transform: the HTML stylesheet, which has no use for the blocks, stays smaller.)

  Input: either a whole TEI document (teiHeader, optional standOff, text/body/div[@type='document'])
  or a bare FRUS <div type="document"> as the Office of the Historian publishes it.

  Everything here lives in the tt: namespace (functions, modes), so an importing stylesheet keeps
  the default mode and the unprefixed names for itself.

    1. Finding things   tt:document (the document div), tt:tei (the TEI element, if any),
                        tt:by-id (elements by xml:id), tt:id-ref ("#x" → "x"), tt:source-note,
                        tt:is-footnote, tt:is-frame, tt:footnotes, tt:note-number, tt:note-id,
                        tt:entity-kind (of a standOff record), tt:mention-type, tt:file-number,
                        tt:dateline, tt:document-date
    2. Plain text       tt:plain($nodes): their text without notes or page breaks, whitespace
                        normalised (mode tt:plain)

  Speed (SaxonJS is an interpreter): functions that run for every node or mention declare no
  types (SaxonJS checks declared types at every call); their comments say what they take. No
  regular expression runs where a plain test does: SaxonJS compiles one at every call.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tt="urn:x-telegram-tei:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    xmlns:frus="http://history.state.gov/frus/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Whitespace between the children of these elements carries no meaning: TEI gives them
       element-only content. Our TEI is indented there (src/tei/indent.ts, whose list of elements
       test/tei-indent.test.ts checks against this one); no output may see that indentation.
       Mixed content (p, head, note, opener, closer …) is never indented, and never stripped here. -->
  <xsl:strip-space elements="TEI teiHeader fileDesc titleStmt respStmt publicationStmt notesStmt sourceDesc
      encodingDesc appInfo application tagsDecl profileDesc correspDesc correspAction standOff
      listPerson listPlace listOrg person personGrp place org text body front back div list table row
      postscript lg frus:attachment"/>

  <!-- ========================================================================================= -->
  <!-- 1. Finding things                                                                         -->
  <!-- ========================================================================================= -->

  <!-- The document: the first div[@type='document'], else the body, else the root element. -->
  <xsl:function name="tt:document" as="element()?">
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="root" select="root($context)"/>
    <xsl:variable name="div" select="$root/descendant-or-self::div[@type = 'document'][1]"/>
    <xsl:sequence select="if ($div) then $div
                          else ($root/descendant::body[1], $root/descendant-or-self::*[1])[1]"/>
  </xsl:function>

  <!-- The TEI element above the document, if the input is a whole TEI document. -->
  <xsl:function name="tt:tei" as="element(TEI)?">
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="root($context)/descendant-or-self::TEI[1]"/>
  </xsl:function>

  <!-- The elements whose xml:id is $id (a string without whitespace), in the document of the node
       $context, in document order. fn:id() finds them through an index SaxonJS builds once per
       document (cheaper than an xsl:key, built for every transform); it also finds a plain @id,
       and trims: hence the filter. -->
  <xsl:function name="tt:by-id">
    <xsl:param name="id"/>
    <xsl:param name="context"/>
    <xsl:sequence select="id($id, $context)[string(@xml:id) = $id]"/>
  </xsl:function>

  <!-- "#p_DJF1" → "p_DJF1" (also for a list of pointers: only the first is taken). ($pointer: a
       string or an attribute, or empty). A name's record: tt:id-ref((@ref, @corresp)[1]) (names
       link with @corresp, the FRUS convention; @ref in TEI written before it). -->
  <xsl:function name="tt:id-ref">
    <xsl:param name="pointer"/>
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

  <!-- A note printed at the foot (every note but an inline one, such as the source note line).
       ($note: a note element) -->
  <xsl:function name="tt:is-footnote">
    <xsl:param name="note"/>
    <xsl:sequence select="not($note/@rend = 'inline' or $note/@place = 'inline')"/>
  </xsl:function>

  <!-- The document's frame: its own opener, closer and dateline (the parts the "bare" rendering
       of history.state.gov leaves out). ($element: an element) -->
  <xsl:function name="tt:is-frame">
    <xsl:param name="element"/>
    <xsl:sequence select="exists($element[self::opener or self::closer or self::dateline]
                                         [parent::div[@type = 'document']])"/>
  </xsl:function>

  <!-- The footnotes of a document (or of any part of it), in document order. -->
  <xsl:function name="tt:footnotes" as="element(note)*">
    <xsl:param name="within" as="element()"/>
    <xsl:sequence select="$within//note[tt:is-footnote(.)]"/>
  </xsl:function>

  <!-- The number a footnote is printed with: its @n, else its position among the footnotes.
       ($note: a note element) -->
  <xsl:function name="tt:note-number">
    <xsl:param name="note"/>
    <xsl:variable name="n" select="normalize-space($note/@n)"/>
    <xsl:sequence select="if ($n) then $n
        else string(count(($note/preceding::note | $note/ancestor::note)[tt:is-footnote(.)]
                             [not(ancestor::teiHeader or ancestor::standOff)]) + 1)"/>
  </xsl:function>

  <!-- A stable identifier for a note: its xml:id, else one made from its number. ($note: a note
       element) -->
  <xsl:function name="tt:note-id">
    <xsl:param name="note"/>
    <xsl:sequence select="if ($note/@xml:id) then string($note/@xml:id)
        else 'fn' || count($note/preceding::note | $note/ancestor::note) + 1"/>
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

  <!-- ($element: an element) -->
  <xsl:function name="tt:mention-type">
    <xsl:param name="element"/>
    <xsl:sequence select="if (namespace-uri($element) ne 'http://www.tei-c.org/ns/1.0') then ()
                          else if ($element/@type = 'role') then 'role'
                          else $tt:mention-types(local-name($element))"/>
  </xsl:function>

  <!-- The State Department decimal file number: from the header if the converter recorded it,
       else from the source note ("761.91/8–348: Telegram"; "…Central Files, 747C.00/10–2556."). -->
  <xsl:function name="tt:file-number" as="xs:string?">
    <xsl:param name="doc" as="element()"/>
    <xsl:variable name="header" select="normalize-space((tt:tei($doc)/teiHeader/descendant::idno[@type = 'frus-file-number'])[1])"/>
    <xsl:variable name="note" select="tt:source-note($doc)"/>
    <xsl:variable name="text" select="if ($note) then tt:plain($note) else ''"/>
    <xsl:variable name="pattern"
        select="'[0-9]{3}[0-9A-Za-z.]*( [A-Z][A-Za-z]+)?/[0-9A-Za-z]+([–\-][0-9A-Za-z]+)*'"/>
    <xsl:sequence select="
        if ($header) then $header
        else if (empty($note)) then ()
        else if ($note/@rend = 'inline' and matches($text, '^' || $pattern))
          then replace($text, '^(' || $pattern || ').*$', '$1')
        else if (contains($text, 'Central Files,') and matches($text, 'Central Files,\s*' || $pattern))
          then replace($text, '^.*?Central Files,\s*(' || $pattern || ').*$', '$1')
        else ()"/>
  </xsl:function>

  <!-- The document's own dateline: in its opener, or standing directly in the div (not a
       dateline that only says "[Received …]"). -->
  <xsl:function name="tt:dateline" as="element(dateline)?">
    <xsl:param name="doc" as="element()"/>
    <xsl:sequence select="($doc/opener/dateline, $doc/dateline)
                          [not(starts-with(normalize-space(), '[Received'))][1]"/>
  </xsl:function>

  <!-- The document date, ISO 8601 (xs:date or xs:dateTime as the TEI gives it): the dateline's
       date, else the date of sending in the header, else the FRUS date range if it is one day
       (the doc-dateTime-min and -max attributes, in the FRUS namespace, on the Office of the
       Historian's divs). -->
  <!-- Where tt:document-date($doc) comes from: 'dateline', 'filenumber' (the decimal file
       number: not a date the document prints), 'header' (the header's date of sending, made
       otherwise), 'range' (FRUS's date range), or empty when there is no date. -->
  <xsl:function name="tt:document-date-source" as="xs:string?">
    <xsl:param name="doc" as="element()"/>
    <xsl:variable name="sent" select="(tt:tei($doc)/teiHeader//correspAction[@type = 'sent']/date[@when])[1]"/>
    <xsl:sequence select="
        if (empty(tt:document-date($doc))) then ()
        else if ((tt:dateline($doc)//date[@when])[1]/@when != '') then 'dateline'
        else if (string($sent/@when)) then (if ($sent/@resp = '#resp.filenumber') then 'filenumber' else 'header')
        else 'range'"/>
  </xsl:function>

  <xsl:function name="tt:document-date" as="xs:string?">
    <xsl:param name="doc" as="element()"/>
    <xsl:variable name="dateline-date" select="string((tt:dateline($doc)//date[@when])[1]/@when)"/>
    <xsl:sequence select="
        if ($dateline-date) then $dateline-date
        else
          let $sent := string((tt:tei($doc)/teiHeader//correspAction[@type = 'sent']/date/@when)[1])
          return if ($sent) then $sent
          else
            let $range := $doc/@*[namespace-uri() = 'http://history.state.gov/frus/ns/1.0'],
                $min := string($range[local-name() = 'doc-dateTime-min']),
                $max := string($range[local-name() = 'doc-dateTime-max'])
            return if ($min and $min = $max) then $min
            else if ($min and substring($min, 1, 10) = substring($max, 1, 10)) then substring($min, 1, 10)
            else ()"/>
  </xsl:function>

  <!-- ========================================================================================= -->
  <!-- 2. Plain text                                                                             -->
  <!-- ========================================================================================= -->

  <!-- The text of nodes ($node: node()*) without the notes and page breaks in them, whitespace
       normalised: tt:plain($head) is the head without its footnotes; a note asked for itself
       gives its text. Text nodes, or an element with no element in it, are just their string
       value (whitespace normalised). -->
  <xsl:function name="tt:plain">
    <xsl:param name="node"/>
    <xsl:choose>
      <xsl:when test="every $n in $node satisfies $n instance of text()">
        <xsl:sequence select="normalize-space(string-join($node))"/>
      </xsl:when>
      <xsl:when test="count($node) eq 1 and $node instance of element() and empty($node/*)
                      and not($node/(self::pb | self::fw | self::teiHeader | self::standOff))">
        <xsl:sequence select="normalize-space($node)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="parts" as="xs:string*">
          <xsl:apply-templates select="$node ! (if (self::note) then node() else .)" mode="tt:plain"/>
        </xsl:variable>
        <xsl:sequence select="normalize-space(string-join($parts))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:mode name="tt:plain" on-no-match="shallow-skip"/>
  <xsl:template match="text()" mode="tt:plain" as="xs:string">{.}</xsl:template>
  <xsl:template match="note | pb | fw | teiHeader | standOff" mode="tt:plain"/>
  <xsl:template match="lb | cell[preceding-sibling::cell] | item | label" mode="tt:plain" as="xs:string*">
    <xsl:sequence select="' '"/>
    <xsl:apply-templates mode="tt:plain"/>
  </xsl:template>

</xsl:stylesheet>

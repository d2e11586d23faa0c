<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei-to-json.xsl: a FRUS document in TEI → one JSON object, described by
  schemas/document.schema.json (schemaVersion 1.2.0).

  The document is a list of paragraphs: every block of text in reading order (source note line,
  head, opener lines, paragraphs, list items, table rows with tab-separated cells, closer lines,
  attachments), each with its text exactly as tei-to-text.xsl prints it but without footnote
  markers and page markers. Footnote markers, page breaks and tagged mentions are given by
  offsets into that text.

  Offsets count Unicode code points (not UTF-16 code units: a character outside the Basic
  Multilingual Plane counts one), from 0; a mention's "end" is exclusive, so
  text = substring(paragraph.text, start + 1, end - start) in XPath, or
  Array.from(text).slice(start, end).join('') in JavaScript.

  A page break standing between two blocks is given at offset 0 of the paragraph that follows it.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tt="urn:x-telegram-tei:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="blocks.xsl"/>

  <xsl:output method="json" indent="yes" encoding="UTF-8"/>

  <xsl:variable name="schema-version" as="xs:string" select="'1.2.0'"/>

  <!-- ========================================================================================= -->

  <xsl:template match="/">
    <xsl:variable name="doc" select="tt:document(.)"/>
    <xsl:variable name="paragraphs" as="map(*)*" select="tt:paragraphs(tt:blocks($doc))"/>
    <xsl:variable name="notes" as="map(*)*">
      <xsl:for-each select="tt:footnotes($doc)">
        <xsl:sequence select="map { 'element': ., 'paragraphs': tt:paragraphs(tt:blocks(.)) }"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="map {
        'schemaVersion': $schema-version,
        'id': string($doc/@xml:id),
        'n': tt:string-or-null($doc/@n),
        'title': tt:title($doc),
        'sourceNote': tt:source-note($doc) ! tt:plain(.),
        'fileNumber': tt:file-number($doc),
        'date': tt:document-date($doc),
        'dateSource': tt:document-date-source($doc),
        'dateline': tt:dateline($doc) ! tt:dateline-object(.),
        'received': tt:received($doc),
        'sender': tt:party($doc, 'from', 'sent'),
        'addressee': tt:party($doc, 'to', 'received'),
        'classification': array { $doc/opener/seg[not(starts-with(normalize-space(), '['))] ! tt:plain(.) },
        'signed': array { $doc/closer//signed ! tt:plain(.) },
        'paragraphs': array { $paragraphs },
        'notes': array { $notes ! tt:note-object(., $paragraphs, $notes) },
        'pages': array { tt:pages($paragraphs, ()), $notes ! tt:pages(?paragraphs, string(tt:note-id(?element))) },
        'entities': array { tt:entities($doc) }
      }"/>
  </xsl:template>

  <!-- ========================================================================================= -->
  <!-- Document fields                                                                           -->

  <xsl:function name="tt:string-or-null" as="xs:string?">
    <xsl:param name="value" as="item()?"/>
    <xsl:sequence select="normalize-space(string($value))[.]"/>
  </xsl:function>

  <xsl:function name="tt:title" as="xs:string">
    <xsl:param name="doc" as="element()"/>
    <xsl:sequence select="(
        $doc/head[1] ! tt:plain(.),
        tt:tei($doc)/teiHeader/fileDesc/titleStmt/title[1] ! tt:plain(.),
        '')[.][1]"/>
  </xsl:function>

  <!-- place, date, when and text of the dateline ("[Received …]" is a field of its own) -->
  <xsl:function name="tt:dateline-object" as="map(*)">
    <xsl:param name="dateline" as="element(dateline)"/>
    <xsl:variable name="first" select="tt:blocks($dateline)[not(tt:is-page-break(.))][1]"/>
    <xsl:variable name="date" select="($dateline//date)[1]"/>
    <xsl:sequence select="map {
        'place': ($dateline//placeName)[1] ! tt:plain(.),
        'date': $date ! tt:plain(.),
        'when': tt:string-or-null(($date/@when, $date/@from, $date/@notBefore)[1]),
        'text': if (exists($first)) then tt:block-text(tt:layout($first)) else tt:plain($dateline)
      }"/>
  </xsl:function>

  <!-- the "[Received …]" line of a telegram -->
  <xsl:function name="tt:received" as="xs:string?">
    <xsl:param name="doc" as="element()"/>
    <xsl:variable name="lines" select="($doc/opener, $doc/dateline) ! tt:blocks(.)[not(tt:is-page-break(.))]
                                       ! tt:block-text(tt:layout(.))"/>
    <xsl:sequence select="$lines[starts-with(., '[Received')][1]"/>
  </xsl:function>

  <!-- sender ('from') or addressee ('to'): tagged in the head, else in the header's correspDesc -->
  <xsl:function name="tt:party" as="map(*)?">
    <xsl:param name="doc" as="element()"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:param name="action" as="xs:string"/>
    <xsl:variable name="tagged" select="(
        $doc/head//*[@type = $type][self::persName or self::gloss or self::orgName or self::name or self::rs],
        tt:tei($doc)/teiHeader//correspAction[@type = $action]/(persName | orgName | name | rs))[1]"/>
    <xsl:sequence select="$tagged ! map:merge((
        map {
          'name': tt:plain(.),
          'kind': if (self::persName) then 'person' else 'office'
        },
        tt:links(.)
      ))"/>
  </xsl:function>

  <!-- The register links of a mention or party $e, as its JSON carries them: 'ref' (the standOff
       record, or null) and, when it has one, 'corresp' (the @corresp as written). Names link with
       @corresp (FRUS): the record is the standOff element it names (@ref in TEI written before). -->
  <xsl:function name="tt:links" as="map(*)">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="corresp" select="tt:id-ref($e/@corresp)"/>
    <xsl:variable name="ref" select="if ($e/@ref) then tt:id-ref($e/@ref)
                                     else $corresp[exists(tt:by-id(., $e)[ancestor::standOff])]"/>
    <xsl:sequence select="if (exists($corresp)) then map { 'ref': $ref, 'corresp': $corresp }
                          else map { 'ref': $ref }"/>
  </xsl:function>

  <!-- ========================================================================================= -->
  <!-- Paragraphs                                                                                -->

  <!-- Blocks and page breaks (from tt:blocks) → one paragraph object per block, numbered from 1.
       A page break between blocks goes to offset 0 of the next block (or the end of the last). -->
  <xsl:function name="tt:paragraphs" as="map(*)*">
    <xsl:param name="items" as="map(*)*"/>
    <xsl:variable name="at" as="xs:integer*"
        select="for $j in 1 to count($items) return $j[not(tt:is-page-break($items[$j]))]"/>
    <xsl:sequence select="for $k in 1 to count($at)
        return let $before := if ($k eq 1) then 0 else $at[$k - 1]
        return tt:paragraph($items[$at[$k]], $k,
                            subsequence($items, $before + 1, $at[$k] - $before - 1),
                            if ($k eq count($at)) then subsequence($items, $at[$k] + 1) else ())"/>
  </xsl:function>

  <xsl:function name="tt:paragraph" as="map(*)">
    <xsl:param name="block" as="map(*)"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:param name="pages-before" as="map(*)*"/>
    <xsl:param name="pages-after" as="map(*)*"/>
    <xsl:variable name="layout" select="tt:layout($block)"/>
    <xsl:variable name="text" select="tt:block-text($layout)"/>
    <xsl:variable name="markers" select="$layout[. instance of map(*)]"/>
    <xsl:variable name="ends" select="$markers[?kind eq 'mention-end']"/>
    <xsl:sequence select="map {
        'n': $n,
        'kind': $block?kind,
        'text': $text,
        'notes': array { $markers[?kind eq 'note'] ! map { 'n': ?n, 'id': ?id, 'offset': ?offset } },
        'pages': array {
            $pages-before ! tt:page-marker(., 0),
            $markers[?kind eq 'pb'] ! tt:page-marker(., ?offset),
            $pages-after ! tt:page-marker(., string-length($text))
          },
        'mentions': array {
            for $start in $markers[?kind eq 'mention-start']
            return let $element := $start?element
            return tt:mention($element, $layout, $start, $ends[?element is $element][1])
          }
      }"/>
  </xsl:function>

  <!-- a page break (marker map of tt:layout, or page break between blocks of tt:blocks) -->
  <xsl:function name="tt:page-marker" as="map(*)">
    <xsl:param name="pb" as="map(*)"/>
    <xsl:param name="offset" as="xs:integer"/>
    <xsl:sequence select="if (normalize-space($pb?id)) then map { 'n': $pb?n, 'offset': $offset, 'id': $pb?id }
                          else map { 'n': $pb?n, 'offset': $offset }"/>
  </xsl:function>

  <!-- A mention (persName, placeName, orgName, rs, date, gloss …) with its offsets, trimmed of
       any space at its edges; $layout is its paragraph's (tt:layout), $start-marker and $end-marker
       its markers there. -->
  <xsl:function name="tt:mention" as="map(*)">
    <xsl:param name="ms" as="element()"/>
    <xsl:param name="layout" as="item()*"/>
    <xsl:param name="start-marker" as="map(*)"/>
    <xsl:param name="end-marker" as="map(*)?"/>
    <xsl:variable name="start" select="$start-marker?offset"/>
    <xsl:variable name="end" select="($end-marker?offset, $start)[1]"/>
    <!-- The text between the two markers, from the layout rather than from the paragraph (SaxonJS's
         substring and string-length walk the whole string); it starts at offset $at, before any
         space owed ahead of the mention. -->
    <xsl:variable name="at" select="$start-marker?at"/>
    <xsl:variable name="between" select="if (empty($end-marker)) then ''
        else string-join(subsequence($layout, $start-marker?item + 1, $end-marker?item - $start-marker?item - 1)
                         [not(. instance of map(*))])"/>
    <!-- The text starts after the spaces at its head. (Not simply at $start: a footnote marker at
         the head of the mention takes away the space $start counted on: "word <persName><note/>Brown"
         is "word¹Brown".) A mention with no text stands where its start offset says. -->
    <xsl:variable name="lead" select="tt:edge-space($between, 1)"/>
    <xsl:variable name="blank" select="$lead eq string-length($between)"/>
    <xsl:variable name="s" select="if ($blank) then max(($start, $end)) else $at + $lead"/>
    <xsl:variable name="e" select="if ($blank) then $s
                                   else max(($s, $end - tt:edge-space($between, string-length($between))))"/>
    <xsl:sequence select="map:merge((
        map {
          'type': tt:mention-type($ms),
          'element': local-name($ms),
          'text': substring($between, $s - $at + 1, $e - $s),
          'start': $s,
          'end': $e,
          'resp': tt:resp($ms/@resp),
          'cert': tt:string-or-null($ms/@cert)
        },
        tt:links($ms),
        $ms/@target ! map { 'target': tt:id-ref(.) },
        $ms/@type ! map { 'subtype': string(.) },
        $ms/@when ! map { 'when': string(.) },
        $ms/@from ! map { 'from': string(.) },
        $ms/@to ! map { 'to': string(.) },
        $ms/@notBefore ! map { 'notBefore': string(.) },
        $ms/@notAfter ! map { 'notAfter': string(.) }
      ))"/>
  </xsl:function>

  <!-- How many whitespace characters stand at the edge of $s that character $at is on (1: the
       start, string-length($s): the end), without a regex (SaxonJS compiles one on every call). -->
  <xsl:function name="tt:edge-space" as="xs:integer">
    <xsl:param name="s" as="xs:string"/>
    <xsl:param name="at" as="xs:integer"/>
    <xsl:sequence select="if ($at lt 1 or $at gt string-length($s)
                              or translate(substring($s, $at, 1), ' &#9;&#10;&#13;', '') ne '') then 0
                          else 1 + tt:edge-space(if ($at eq 1) then substring($s, 2) else substring($s, 1, $at - 1),
                                                 if ($at eq 1) then 1 else $at - 1)"/>
  </xsl:function>

  <!-- "#resp.register" → "register" -->
  <xsl:function name="tt:resp" as="xs:string?">
    <xsl:param name="resp" as="attribute()?"/>
    <xsl:sequence select="tt:id-ref($resp) ! (if (starts-with(., 'resp.')) then substring(., 6) else .)"/>
  </xsl:function>

  <!-- ========================================================================================= -->
  <!-- Notes and pages                                                                           -->

  <xsl:function name="tt:note-object" as="map(*)">
    <xsl:param name="note" as="map(*)"/>
    <xsl:param name="paragraphs" as="map(*)*"/>
    <xsl:param name="notes" as="map(*)*"/>
    <xsl:variable name="element" select="$note?element"/>
    <xsl:variable name="id" select="tt:note-id($element)"/>
    <xsl:sequence select="map {
        'n': tt:note-number($element),
        'id': $id,
        'text': string-join($note?paragraphs ! ?text, '&#10;&#10;'),
        'paragraphs': array { $note?paragraphs },
        'anchor': (tt:anchor($id, $paragraphs, ()),
                   for $other in $notes[not(?element is $element)]
                   return tt:anchor($id, $other?paragraphs, tt:note-id($other?element)))[1]
      }"/>
  </xsl:function>

  <!-- Where the marker of note $id stands among $paragraphs (of the document, or of note $in). -->
  <xsl:function name="tt:anchor" as="map(*)?">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="paragraphs" as="map(*)*"/>
    <xsl:param name="in" as="xs:string?"/>
    <xsl:variable name="hit" select="(for $p in $paragraphs, $m in $p?notes?*[?id = $id]
                                      return map { 'paragraph': $p?n, 'offset': $m?offset })[1]"/>
    <xsl:sequence select="if (exists($hit) and exists($in)) then map:put($hit, 'note', $in) else $hit"/>
  </xsl:function>

  <xsl:function name="tt:pages" as="map(*)*">
    <xsl:param name="paragraphs" as="map(*)*"/>
    <xsl:param name="in" as="xs:string?"/>
    <xsl:sequence select="for $p in $paragraphs, $pb in $p?pages?*
        return map:merge(($pb, map { 'paragraph': $p?n }, $in ! map { 'note': . }))"/>
  </xsl:function>

  <!-- ========================================================================================= -->
  <!-- Entities: the authority records in the standOff                                           -->

  <xsl:function name="tt:entities" as="map(*)*">
    <xsl:param name="doc" as="element()"/>
    <xsl:for-each select="tt:tei($doc)/standOff//*[@xml:id]
                          [self::person or self::personGrp or self::place or self::org
                           or parent::listPerson or parent::listPlace or parent::listOrg or parent::listNym]">
      <xsl:variable name="names" select="(persName | placeName | orgName | name | form)"/>
      <xsl:sequence select="map:merge((
          map {
            'id': string(@xml:id),
            'kind': tt:entity-kind(.),
            'name': ($names[1] ! tt:plain(.), '')[1],
            'description': (note[not(@type = 'reason')] | desc | occupation | roleName)[1] ! tt:plain(.),
            'wikidata': tt:string-or-null(idno[@type = 'wikidata'][1])
          },
          (: a person's ids in the Office of the Historian's people database and POCOM :)
          if (idno[@type = 'hsg-people']) then map { 'hsg-people': string(idno[@type = 'hsg-people'][1]) } else (),
          if (idno[@type = 'pocom']) then map { 'pocom': string(idno[@type = 'pocom'][1]) } else (),
          if (count($names) gt 1) then map { 'variants': array { subsequence($names, 2) ! tt:plain(.) } } else ()
        ))"/>
    </xsl:for-each>
  </xsl:function>

</xsl:stylesheet>

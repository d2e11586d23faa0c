<?xml version="1.0" encoding="UTF-8"?>
<!--
  html-register.xsl: persons, places and organisations in the HTML edition.

  A mention is a persName, placeName, geogName or orgName in the document's text or notes, or an
  rs whose @type is person, place or org, or gloss type="role" (a role standing for a person: "the
  British Ambassador").
  Mentions in the teiHeader, the standOff and the inline source line are not mentions.

  $h:reg (h:registry of the document) gathers them once per page:
    'mentions'  the mention elements, in document order
    'groups'    one map per entity, in order of first mention:
                  id ("reg-" + the standOff id, or "reg-person-3" for an untagged name), desc-id,
                  kind (person | place | org), label ("Person" …), name, desc, wikidata, forms
                  (other wordings in the text), tip (the tooltip's first lines: kind and name,
                  description), sort-key, refs (its mentions, in document order: maps with
                  'm' the element, 'gid' its generate-id(), 'id' ("m-N", N its number from 1, or
                  its xml:id), 'text' its words, 'key' (of its entity), 'data-ref' (its @ref or
                  @corresp pointer), 'where' ("¶2" | "n. 3" | "head" …), 'p' (its paragraph's
                  number, if it stands in one))
    'info'      map: generate-id(mention) → (its group map, its id, its data-ref)
    'resp'      map: @resp → the label of the respStmt it points to, capitalised (if any)
  Everything is computed once here, in one pass over the mentions, and nothing per mention needs
  the preceding axis or a search of the document; a mention in the text then finds its entry in
  'info'.

  Mentions are grouped by the standOff record their @ref points to, else by @corresp (a user's
  persons list), else by kind + wording.

  Uses tt:plain, tt:note-number, tt:by-id, tt:id-ref (lookups.xsl, imported by tei-to-html.xsl)
  and $h:doc. SaxonJS is slow per instruction and per function call (see
  tei-to-html.xsl): the per-mention and per-entity work is written as one expression each, and
  functions called per mention declare no types.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:h="urn:x-telegram-tei:html"
    xmlns:tt="urn:x-telegram-tei:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:variable name="h:kinds" as="xs:string+" select="('person', 'place', 'org')"/>

  <!-- person | place | org for a mention element $e, else the empty sequence. -->
  <xsl:function name="h:kind">
    <xsl:param name="e"/>
    <xsl:sequence select="
        if ($e/self::persName) then 'person'
        else if ($e/self::placeName or $e/self::geogName) then 'place'
        else if ($e/self::orgName) then 'org'
        else if ($e/self::gloss[@type = 'role']) then 'person'
        else if ($e/self::rs) then
          (let $t := lower-case(normalize-space($e/@type))
           return if ($t = ('person', 'place', 'org')) then $t
                  else if ($t = ('organisation', 'organization')) then 'org' else ())
        else ()"/>
  </xsl:function>

  <!-- The name an authority record gives (its first name element). -->
  <xsl:function name="h:record-name" as="xs:string?">
    <xsl:param name="record" as="element()?"/>
    <xsl:variable name="n" select="$record/(persName | placeName | orgName | geogName | name)[1]"/>
    <xsl:sequence select="if ($n) then tt:plain($n)[.] else ()"/>
  </xsl:function>

  <xsl:variable name="h:kind-labels" as="map(xs:string, xs:string)"
      select="map { 'person': 'Person', 'place': 'Place', 'org': 'Organisation' }"/>

  <xsl:variable name="h:reg" as="map(*)" select="h:registry($h:doc)"/>

  <xsl:function name="h:registry" as="map(*)">
    <xsl:param name="doc" as="element()"/>
    <xsl:variable name="candidates" select="
        $doc/descendant-or-self::*[self::persName or self::placeName or self::geogName or self::orgName
                                   or self::rs[exists(h:kind(.))] or self::gloss[@type = 'role']]"/>
    <!-- Those in the teiHeader, the standOff or an inline note are none. (A mention in a note is
         then in a footnote.) Most documents have no such place with a candidate in it (the inline
         note is the source line): then there is nothing to check for each. -->
    <xsl:variable name="excluded" select="
        $doc/ancestor-or-self::*[self::teiHeader or self::standOff or self::note[@rend = 'inline' or @place = 'inline']]
        | $doc//teiHeader | $doc//standOff | $doc//note[@rend = 'inline' or @place = 'inline']"/>
    <xsl:variable name="mentions" select="
        if (empty($excluded//(persName | placeName | geogName | orgName | rs | gloss[@type = 'role'])))
        then $candidates
        else $candidates[not(ancestor::teiHeader or ancestor::standOff or ancestor::note[@rend = 'inline' or @place = 'inline'])]"/>
    <!-- the document's paragraphs (not those inside another or in a note), numbered from 1 -->
    <xsl:variable name="paragraphs" select="$doc/descendant::p[not(ancestor::p or ancestor::note)]"/>
    <xsl:variable name="refs" as="map(*)*">
      <xsl:iterate select="$mentions">
        <!-- the number of the paragraph of the mention before (paragraphs and mentions are in
             document order) -->
        <xsl:param name="k" select="1"/>
        <!-- (written as one expression: in SaxonJS every instruction and function call costs) -->
        <xsl:variable name="r" select="
            let $text := if (* and (descendant::note or descendant::pb)) then tt:plain(.) else normalize-space(.),
                (: tt:id-ref(@ref), tt:id-ref(@corresp) :)
                $r := normalize-space((@ref, @corresp)[1]),
                $r := if (contains($r, ' ')) then substring-before($r, ' ') else $r,
                $ref := if ($r) then (if (starts-with($r, '#')) then substring($r, 2) else $r) else (),
                $corresp := if ($ref) then () else tt:id-ref(@corresp),
                (: usually it stands right in the paragraph of the mention before :)
                $in-k := .. is $paragraphs[$k],
                (: (a mention is in no note but a footnote) :)
                $note := if ($in-k) then () else ancestor::note[1],
                $p := if ($in-k or $note) then () else ancestor::p[last()],
                $n := if ($in-k) then $k else if (empty($p)) then ()
                      else if ($paragraphs[$k] is $p) then $k
                      else h:position-from($paragraphs, $p, $k + 1)
            return map {
              'm': .,
              'gid': generate-id(),
              'id': if (@xml:id) then string(@xml:id) else 'm-' || position(),
              'text': $text,
              'key': if ($ref) then 'ref:' || $ref
                     else if ($corresp) then 'corresp:' || $corresp
                     else 'text:' || h:kind(.) || ':' || lower-case($text),
              'data-ref': if (exists($ref)) then $ref else $corresp,
              'p': $n,
              'where':
                if ($note) then 'n. ' || tt:note-number($note)
                else if ($n) then '¶' || $n
                else if (ancestor::head) then 'head'
                else if (ancestor::opener) then 'opener'
                else if (ancestor::closer) then 'closer'
                else if (ancestor::dateline) then 'dateline'
                else if (ancestor::table) then 'table'
                else if (ancestor::list) then 'list'
                else 'text'
            }"/>
        <xsl:sequence select="$r"/>
        <xsl:next-iteration>
          <xsl:with-param name="k" select="($r?p, $k)[1]"/>
        </xsl:next-iteration>
      </xsl:iterate>
    </xsl:variable>
    <xsl:variable name="groups" as="map(*)*">
      <xsl:for-each-group select="$refs" group-by="?key">
        <!-- (one expression: in SaxonJS every instruction costs) -->
        <xsl:sequence select="
            let $first := current-group()[1]?m,
                $key := current-grouping-key(),
                (: tt:entity($first): its @ref is what the key holds :)
                $record := if (starts-with($key, 'ref:'))
                           then (let $id := substring($key, 5)
                                 return id($id, $doc)[string(@xml:id) = $id][ancestor::standOff][1])
                           else (),
                (: tt:entity-kind($record) :)
                $record-kind := if (empty($record)) then ()
                                else if ($record/@type = 'role') then 'role'
                                else if ($record/self::personGrp) then 'person'
                                else local-name($record),
                $kind := if ($record-kind = $h:kinds) then $record-kind else h:kind($first),
                $id := if (starts-with($key, 'text:')) then 'reg-' || $kind || '-' || position()
                       else 'reg-' || (let $s := substring-after($key, ':')
                                       return if (translate($s, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-', ''))
                                              then replace($s, '[^A-Za-z0-9_.\-]+', '_') else $s),
                $texts := current-group() ! ?text,
                (: h:record-name($record): a plain name element has no element in it :)
                $n := $record/(persName | placeName | orgName | geogName | name)[1],
                $record-name := if (empty($n)) then () else if ($n/*) then tt:plain($n) else normalize-space($n),
                $name := if ($record-name) then $record-name else ($texts[1][.], '(unnamed)')[1],
                (: its description: the text of its first note, desc … (often just text) :)
                $d := $record/(note[not(@type = 'reason')] | desc | occupation | p)[1],
                $desc := if (empty($d)) then () else if ($d/*) then tt:plain($d/node())[.] else normalize-space($d)[.],
                $label := $h:kind-labels($kind)
            return map {
              'id': $id,
              'desc-id': 'desc-' || substring-after($id, 'reg-'),
              'kind': $kind,
              'label': $label,
              'name': $name,
              'desc': $desc,
              'tip': if ($desc) then $label || ': ' || $name || '&#10;' || $desc else $label || ': ' || $name,
              'wikidata': ($record/idno[@type = 'wikidata'] ! normalize-space(.))[.][1],
              (: a person's identification: the people database's and POCOM's ids, the dated roles with their sources :)
              'hsg': ($record/idno[@type = 'hsg-people'] ! normalize-space(.))[.][1],
              'pocom': ($record/idno[@type = 'pocom'] ! normalize-space(.))[.][1],
              'roles': array { $record/occupation ! map {
                  'text': normalize-space(.),
                  'dates': string-join(distinct-values(((@from, @notBefore)[1], (@to, @notAfter)[1]) ! substring(string(.), 1, 4)), '–'),
                  'source': string(@source) } },
              'forms': distinct-values($texts)[. != $name][. != ''],
              (: a person by surname (the surname element, else the last word of the name),
                 anything else by its name :)
              'sort-key':
                let $plain := normalize-space(if (contains($name, '(')) then replace($name, '\([^)]*\)', '') else $name)
                return lower-case(
                  if ($kind = 'person') then
                    (let $surname := ($record/persName/surname)[1]
                     return if ($surname) then tt:plain($surname) else tokenize($plain, ' ')[last()]) || ' ' || $plain
                  else $plain),
              'refs': current-group()
            }"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:sequence select="map {
        'mentions': $mentions,
        'groups': $groups,
        'resp': map:merge(for $r in distinct-values($mentions ! string(@resp))
                          return map { $r: h:resp-label($r, $doc) ! (upper-case(substring(., 1, 1)) || substring(., 2)) }),
        'info': map:merge(for $g in $groups return $g?refs ! map { ?gid: ($g, ?id, ?data-ref) })
      }"/>
  </xsl:function>

  <!-- The position of the node $node in the nodes $nodes, looking from position $from on. -->
  <xsl:function name="h:position-from">
    <xsl:param name="nodes"/>
    <xsl:param name="node"/>
    <xsl:param name="from"/>
    <xsl:variable name="at" select="$nodes[$from]"/>
    <xsl:sequence select="if (empty($at)) then () else if ($at is $node) then $from
                          else h:position-from($nodes, $node, $from + 1)"/>
  </xsl:function>

  <!-- "high" | "medium" | "low" | "none" for a mention's @cert ($cert); a numeric @cert (0–1) is
       banded. The usual values are looked up in $h:cert-bands first. -->
  <xsl:variable name="h:cert-bands" as="map(xs:string, xs:string)"
      select="map { 'high': 'high', 'medium': 'medium', 'low': 'low', '': 'none' }"/>
  <xsl:function name="h:cert">
    <xsl:param name="cert"/>
    <xsl:variable name="c" select="lower-case(normalize-space($cert))"/>
    <xsl:sequence select="
        if ($c = ('high', 'medium', 'low')) then $c
        else if ($c castable as xs:double) then
          (if (xs:double($c) ge 0.8) then 'high' else if (xs:double($c) ge 0.5) then 'medium' else 'low')
        else if ($c = 'unknown') then 'low'
        else 'none'"/>
  </xsl:function>

  <!-- Who made the tag: the resp of the respStmt that @resp points to. -->
  <xsl:function name="h:resp-label" as="xs:string?">
    <xsl:param name="resp" as="xs:string?"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="id" select="tt:id-ref($resp)"/>
    <xsl:variable name="stmt" select="if ($id) then tt:by-id($id, $context)[1] else ()"/>
    <xsl:sequence select="
        if ($stmt/resp) then tt:plain($stmt/resp[1])[.]
        else if ($id) then (if (starts-with($id, 'resp.')) then substring($id, 6) else $id)
        else ()"/>
  </xsl:function>

  <!-- ====================================================================================== -->
  <!-- A mention in the text                                                                  -->
  <!-- ====================================================================================== -->

  <xsl:template match="persName | placeName | geogName | orgName | rs | gloss[@type = 'role']">
    <xsl:call-template name="h:mention"/>
  </xsl:template>

  <!-- A mention is a link to its entry in the index (which links back to every mention), but
       not a tab stop: a keyboard user tabs through the index, one stop per entry, and reaches
       the mentions from there (html-common.xsl's script: arrow keys within an entry, focus
       follows the link). Inside a cross-reference (already a link) it stays a span. -->
  <xsl:template name="h:mention">
    <!-- (its group map, its id, its data-ref) if it is a mention -->
    <xsl:variable name="info" select="$h:reg?info(generate-id())"/>
    <xsl:choose>
      <xsl:when test="exists($info)">
        <xsl:variable name="g" select="$info[1]"/>
        <xsl:variable name="cert" select="let $c := $h:cert-bands(string(@cert)) return if ($c) then $c else h:cert(@cert)"/>
        <!-- (no link in a link: a mention inside a cross-reference or another name) -->
        <xsl:variable name="link" select="not(ancestor::*[self::ref or self::persName or self::placeName
                                              or self::geogName or self::orgName or self::rs])"/>
        <xsl:element name="{if ($link) then 'a' else 'span'}">
          <xsl:if test="$link">
            <xsl:attribute name="href" select="'#' || $g?id"/>
          </xsl:if>
          <xsl:attribute name="id" select="$info[2]"/>
          <xsl:attribute name="class" select="'ent ent-' || $g?kind || ' cert-' || $cert"/>
          <xsl:attribute name="tabindex" select="'-1'"/>
          <xsl:attribute name="data-tip" select="$g?tip || (
                  let $resp := if (@resp) then $h:reg?resp(string(@resp)) else ()
                  return if ($resp) then '&#10;' || $resp || (if ($cert != 'none') then '; certainty: ' || $cert else '') || '.'
                         else if ($cert != 'none') then '&#10;Certainty: ' || $cert || '.'
                         else ())"/>
          <xsl:attribute name="aria-describedby" select="$g?desc-id"/>
          <xsl:if test="@ref or @corresp">
            <xsl:attribute name="data-ref" select="$info[3]"/>
          </xsl:if>
          <xsl:if test="@xml:lang">
            <xsl:attribute name="lang" select="normalize-space(@xml:lang)"/>
          </xsl:if>
          <xsl:apply-templates/>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise>
        <span class="name {local-name()}">
          <xsl:if test="@xml:lang">
            <xsl:attribute name="lang" select="normalize-space(@xml:lang)"/>
          </xsl:if>
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ====================================================================================== -->
  <!-- The index of the document's persons, places and organisations                          -->
  <!-- ====================================================================================== -->

  <xsl:template name="h:register">
    <nav class="register" aria-labelledby="register-h">
      <h2 id="register-h">Index</h2>
      <xsl:choose>
        <xsl:when test="empty($h:reg?groups)">
          <p class="empty">No persons, places or organisations are marked in this document.</p>
        </xsl:when>
        <xsl:otherwise>
          <p class="legend">
            <xsl:text>Marked in the text: </xsl:text>
            <span class="sample ent-person">persons</span>
            <xsl:text>, </xsl:text>
            <span class="sample ent-place">places</span>
            <xsl:text>, </xsl:text>
            <span class="sample ent-org">organisations</span>
            <xsl:text>. </xsl:text>
            <xsl:if test="$h:reg?mentions[@cert]">
              <xsl:text>Certainty of a machine-made tag: </xsl:text>
              <span class="sample neutral cert-high">high</span>
              <xsl:text>, </xsl:text>
              <span class="sample neutral cert-medium">medium</span>
              <xsl:text>, </xsl:text>
              <span class="sample neutral cert-low">low</span>
              <xsl:text>. </xsl:text>
            </xsl:if>
            <xsl:text>Hover over a name for its description; it links to its entry here. </xsl:text>
            <xsl:text>With the keyboard, Tab moves from entry to entry and the arrow keys through an entry’s mentions.</xsl:text>
          </p>
          <xsl:for-each select="$h:kinds">
            <xsl:variable name="kind" select="."/>
            <xsl:variable name="of-kind" select="$h:reg?groups[?kind = $kind]"/>
            <xsl:if test="exists($of-kind)">
              <section aria-labelledby="register-h-{$kind}">
                <h3 id="register-h-{$kind}">{h:kind-plural($kind)}</h3>
                <ul>
                  <xsl:for-each select="$of-kind">
                    <xsl:sort select="?sort-key" lang="en"/>
                    <xsl:call-template name="h:register-entry"/>
                  </xsl:for-each>
                </ul>
              </section>
            </xsl:if>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </nav>
  </xsl:template>

  <!-- A person's identification in the index entry: each dated role linked to its source (POCOM, the
       FRUS volume's list of persons), and the people database's id. (The context: the group map.) -->
  <xsl:template name="h:identification">
    <xsl:if test="exists(?hsg) or array:size(?roles) gt 0">
      <xsl:text> </xsl:text>
      <span class="reg-ident">
        <xsl:for-each select="?roles?*">
          <xsl:if test="position() gt 1"><xsl:text>; </xsl:text></xsl:if>
          <xsl:value-of select="?text"/>
          <xsl:if test="?dates"><xsl:text> (</xsl:text><xsl:value-of select="?dates"/><xsl:text>)</xsl:text></xsl:if>
          <xsl:if test="?source">
            <xsl:text>, </xsl:text>
            <a class="reg-source" href="{?source}">{if (contains(?source, '/departmenthistory/people/')) then 'POCOM'
              else 'FRUS ' || replace(?source, '^.*/historicaldocuments/([^/]+)/.*$', '$1')}</a>
          </xsl:if>
        </xsl:for-each>
        <xsl:if test="exists(?hsg)">
          <xsl:if test="array:size(?roles) gt 0"><xsl:text> </xsl:text></xsl:if>
          <span class="reg-id">(Office of the Historian people database {?hsg}{if (exists(?pocom)) then '; POCOM ' || ?pocom else ''})</span>
        </xsl:if>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- An entry of the index (the context: the group map). -->
  <xsl:template name="h:register-entry">
    <xsl:variable name="g" select="."/>
    <li class="reg-entry" id="{?id}" tabindex="-1">
      <span id="{?desc-id}">
        <span class="vh">{?label}: </span>
        <span class="reg-name ent-{?kind}">{?name}</span>
        <xsl:text> </xsl:text>
        <xsl:if test="?desc or ?wikidata">
          <span class="reg-desc">
            <xsl:value-of select="?desc"/>
            <xsl:if test="?wikidata">
              <xsl:if test="?desc"><xsl:text> </xsl:text></xsl:if>
              <span class="reg-id">(Wikidata {?wikidata})</span>
            </xsl:if>
          </span>
        </xsl:if>
        <xsl:call-template name="h:identification"/>
      </span>
      <xsl:if test="exists(?forms)">
        <xsl:text> </xsl:text>
        <span class="reg-forms">in the text as {string-join(?forms ! ('“' || . || '”'), ', ')}</span>
      </xsl:if>
      <xsl:text> </xsl:text>
      <!-- One tab stop per entry: its first mention; the arrow keys move to the others
           (html-common.xsl's script). -->
      <span class="reg-refs" role="group" aria-label="Mentions of {?name}">
        <xsl:for-each-group select="$g?refs" group-by="?where">
          <xsl:variable name="where" select="current-grouping-key()"/>
          <xsl:variable name="long" select="
              if (starts-with($where, '¶')) then 'paragraph ' || substring($where, 2)
              else if (starts-with($where, 'n. ')) then 'note ' || substring($where, 4)
              else if ($where = 'head') then 'the heading'
              else 'the ' || $where"/>
          <xsl:variable name="several" select="count(current-group()) gt 1"/>
          <xsl:for-each select="current-group()">
            <a href="#{?id}" title="“{?text}” in {$long}">
              <xsl:if test="not(?id = $g?refs[1]?id)"><xsl:attribute name="tabindex" select="'-1'"/></xsl:if>
              <xsl:text>{$where}</xsl:text>
              <xsl:if test="$several"
                >{codepoints-to-string(96 + (position() mod 26, 26)[. gt 0][1])}</xsl:if></a>
            <xsl:text> </xsl:text>
          </xsl:for-each>
        </xsl:for-each-group>
      </span>
    </li>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  html-register.xsl: persons, places and organisations in the HTML edition.

  A mention is a persName, placeName, geogName or orgName in the document's text or notes, or an
  rs whose @type is person, place or org (a role standing for a person: "the British Ambassador").
  Mentions in the teiHeader, the standOff and the inline source line are not mentions.

  h:registry($doc) gathers them once per page into a map that the templates receive as the tunnel
  parameter $reg:
    'mentions'  the mention elements, in document order
    'info'      map: generate-id(mention) → map { 'id': "m-N" (N its position; a mention that
                has an xml:id keeps it), 'text': its words, 'where': "¶2" | "n. 3" | "head" …,
                'group': its entity's map }
    'groups'    one map per entity, in order of first mention:
                  key, id ("reg-" + the standOff id, or "reg-person-3" for an untagged name),
                  desc-id, kind (person | place | org), record (the standOff element, if any),
                  name, desc, wikidata, forms (other wordings in the text), mentions
  Everything is computed once here, so that a page costs one pass over its mentions.

  Mentions are grouped by the standOff record their @ref points to, else by @corresp (a user's
  persons list), else by kind + wording.

  Uses tt:entity, tt:entity-kind, tt:id-ref, tt:plain, tt:is-footnote, tt:note-number (common.xsl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tt="urn:x-telegram-tei:xslt"
    xmlns:h="urn:x-telegram-tei:html"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:variable name="h:kinds" as="xs:string+" select="('person', 'place', 'org')"/>

  <!-- person | place | org for a mention element, else the empty sequence. -->
  <xsl:function name="h:kind" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="
        if ($e/self::persName) then 'person'
        else if ($e/self::placeName or $e/self::geogName) then 'place'
        else if ($e/self::orgName) then 'org'
        else if ($e/self::rs) then
          (let $t := lower-case(normalize-space($e/@type))
           return if ($t = ('person', 'place', 'org')) then $t
                  else if ($t = ('organisation', 'organization')) then 'org' else ())
        else ()"/>
  </xsl:function>

  <xsl:function name="h:mentions" as="element()*">
    <xsl:param name="doc" as="element()"/>
    <xsl:sequence select="$doc/descendant-or-self::*[self::persName or self::placeName or self::geogName
                                                     or self::orgName or self::rs]
                                 [exists(h:kind(.))]
                                 [not(ancestor::teiHeader or ancestor::standOff)]
                                 [not(ancestor::note[not(tt:is-footnote(.))])]"/>
  </xsl:function>

  <xsl:function name="h:entity-key" as="xs:string">
    <xsl:param name="m" as="element()"/>
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="ref" select="tt:id-ref($m/@ref)"/>
    <xsl:variable name="corresp" select="tt:id-ref($m/@corresp)"/>
    <xsl:sequence select="
        if ($ref) then 'ref:' || $ref
        else if ($corresp) then 'corresp:' || $corresp
        else 'text:' || h:kind($m) || ':' || lower-case($text)"/>
  </xsl:function>

  <!-- The words of a mention (its notes left out). -->
  <xsl:function name="h:mention-text" as="xs:string">
    <xsl:param name="m" as="element()"/>
    <xsl:sequence select="if ($m//note or $m//pb) then tt:plain($m) else normalize-space($m)"/>
  </xsl:function>

  <!-- The name an authority record gives (its first name element). -->
  <xsl:function name="h:record-name" as="xs:string?">
    <xsl:param name="record" as="element()?"/>
    <xsl:variable name="n" select="($record/(persName | placeName | orgName | geogName | name))[1]"/>
    <xsl:sequence select="if ($n) then tt:plain($n)[.] else ()"/>
  </xsl:function>

  <xsl:function name="h:record-desc" as="xs:string?">
    <xsl:param name="record" as="element()?"/>
    <xsl:variable name="d" select="($record/(note | desc | occupation | p))[1]"/>
    <xsl:sequence select="if ($d) then tt:plain($d/node())[.] else ()"/>
  </xsl:function>

  <xsl:function name="h:registry" as="map(*)">
    <xsl:param name="doc" as="element()"/>
    <xsl:variable name="mentions" select="h:mentions($doc)"/>
    <!-- the document's paragraphs (not those inside another or in a note), numbered -->
    <xsl:variable name="paragraphs" select="$doc//p[not(ancestor::p or ancestor::note)]"/>
    <xsl:variable name="paragraph-number" select="map:merge(for $i in 1 to count($paragraphs)
                                                            return map { generate-id($paragraphs[$i]): $i })"/>
    <xsl:variable name="texts" as="xs:string*" select="$mentions ! h:mention-text(.)"/>
    <xsl:variable name="keys" as="xs:string*" select="for $i in 1 to count($mentions)
                                                      return h:entity-key($mentions[$i], $texts[$i])"/>
    <xsl:variable name="groups" as="map(*)*">
      <xsl:for-each-group select="1 to count($mentions)" group-by="$keys[current()]">
        <xsl:variable name="members" select="$mentions[position() = current-group()]"/>
        <xsl:variable name="first" select="$members[1]"/>
        <xsl:variable name="key" select="current-grouping-key()"/>
        <xsl:variable name="record" select="tt:entity($first)"/>
        <xsl:variable name="record-kind" select="if ($record) then tt:entity-kind($record) else ()"/>
        <xsl:variable name="kind" select="if ($record-kind = $h:kinds) then $record-kind else h:kind($first)"/>
        <xsl:variable name="id" select="
            if (starts-with($key, 'text:')) then 'reg-' || $kind || '-' || position()
            else 'reg-' || replace(substring-after($key, ':'), '[^A-Za-z0-9_.\-]+', '_')"/>
        <xsl:variable name="name" select="(h:record-name($record), $texts[current-group()[1]][.], '(unnamed)')[1]"/>
        <xsl:sequence select="map {
            'key': $key,
            'id': $id,
            'desc-id': 'desc-' || substring-after($id, 'reg-'),
            'kind': $kind,
            'record': $record,
            'name': $name,
            'desc': h:record-desc($record),
            'wikidata': ($record/idno[@type = 'wikidata'] ! normalize-space(.))[.][1],
            'forms': distinct-values($texts[position() = current-group()])[. != $name][. != ''],
            'mentions': $members
          }"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:variable name="group-of" select="map:merge($groups ! map { ?key: . })"/>
    <xsl:sequence select="map {
        'mentions': $mentions,
        'groups': $groups,
        'resp': map:merge(for $r in distinct-values($mentions/@resp ! normalize-space(.))
                          return map { $r: h:resp-label($r, $doc) }),
        'info': map:merge(for $i in 1 to count($mentions) return
          let $m := $mentions[$i] return map { generate-id($m): map {
            'id': if ($m/@xml:id) then string($m/@xml:id) else 'm-' || $i,
            'text': $texts[$i],
            'where': h:location($m, $paragraph-number),
            'group': $group-of($keys[$i])
          } })
      }"/>
  </xsl:function>

  <xsl:function name="h:mention-id" as="xs:string">
    <xsl:param name="m" as="element()"/>
    <xsl:param name="reg" as="map(*)"/>
    <xsl:sequence select="$reg?info(generate-id($m))?id"/>
  </xsl:function>

  <!-- "high" | "medium" | "low" | "none"; a numeric @cert (0–1) is banded. -->
  <xsl:function name="h:cert" as="xs:string">
    <xsl:param name="m" as="element()"/>
    <xsl:variable name="c" select="lower-case(normalize-space($m/@cert))"/>
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
    <xsl:variable name="stmt" select="if ($id) then key('tt:id', $id, root($context))[1] else ()"/>
    <xsl:sequence select="
        if ($stmt/resp) then tt:plain($stmt/resp[1])[.]
        else if ($id) then replace($id, '^resp\.', '')
        else ()"/>
  </xsl:function>

  <!-- The tooltip: kind and name, description, and how the tag was made. -->
  <xsl:function name="h:tip" as="xs:string">
    <xsl:param name="m" as="element()"/>
    <xsl:param name="g" as="map(*)"/>
    <xsl:param name="reg" as="map(*)"/>
    <xsl:variable name="resp" select="if ($m/@resp) then $reg?resp(normalize-space($m/@resp)) else ()"/>
    <xsl:variable name="cert" select="h:cert($m)"/>
    <xsl:variable name="how" select="
        if ($resp) then upper-case(substring($resp, 1, 1)) || substring($resp, 2)
                        || (if ($cert != 'none') then '; certainty: ' || $cert else '') || '.'
        else if ($cert != 'none') then 'Certainty: ' || $cert || '.'
        else ()"/>
    <xsl:sequence select="string-join((
        h:kind-label($g?kind) || ': ' || $g?name,
        $g?desc,
        $how), '&#10;')"/>
  </xsl:function>

  <!-- Where a mention stands, for the index: "¶2", "n. 3", "head", "opener", "closer" … -->
  <xsl:function name="h:location" as="xs:string">
    <xsl:param name="m" as="element()"/>
    <xsl:param name="paragraph-number" as="map(*)"/>
    <xsl:variable name="note" select="$m/ancestor::note[tt:is-footnote(.)][1]"/>
    <xsl:variable name="p" select="($m/ancestor::p[not(ancestor::note)])[1]"/>
    <xsl:sequence select="
        if ($note) then 'n. ' || tt:note-number($note)
        else if ($p and exists($paragraph-number(generate-id($p)))) then '¶' || $paragraph-number(generate-id($p))
        else if ($m/ancestor::head) then 'head'
        else if ($m/ancestor::opener) then 'opener'
        else if ($m/ancestor::closer) then 'closer'
        else if ($m/ancestor::dateline) then 'dateline'
        else if ($m/ancestor::table) then 'table'
        else if ($m/ancestor::list) then 'list'
        else 'text'"/>
  </xsl:function>

  <xsl:function name="h:location-long" as="xs:string">
    <xsl:param name="label" as="xs:string"/>
    <xsl:sequence select="
        if (starts-with($label, '¶')) then 'paragraph ' || substring($label, 2)
        else if (starts-with($label, 'n. ')) then 'note ' || substring($label, 4)
        else if ($label = 'head') then 'the heading'
        else 'the ' || $label"/>
  </xsl:function>

  <!-- Sort key: a person by surname (the surname element, else the last word of the name),
       anything else by its name. -->
  <xsl:function name="h:sort-key" as="xs:string">
    <xsl:param name="g" as="map(*)"/>
    <xsl:variable name="surname" select="($g?record/persName/surname)[1]"/>
    <xsl:variable name="plain" select="normalize-space(replace($g?name, '\([^)]*\)', ''))"/>
    <xsl:sequence select="lower-case(
        if ($g?kind = 'person') then
          (if ($surname) then tt:plain($surname) else tokenize($plain, ' ')[last()]) || ' ' || $plain
        else $plain)"/>
  </xsl:function>

  <!-- ====================================================================================== -->
  <!-- A mention in the text                                                                  -->
  <!-- ====================================================================================== -->

  <xsl:template match="persName | placeName | geogName | orgName | rs">
    <xsl:param name="reg" as="map(*)" tunnel="yes"/>
    <xsl:variable name="info" select="$reg?info(generate-id(.))"/>
    <xsl:variable name="g" select="$info?group"/>
    <xsl:choose>
      <xsl:when test="exists($g)">
        <span id="{$info?id}"
              class="ent ent-{$g?kind} cert-{h:cert(.)}"
              tabindex="0"
              data-tip="{h:tip(., $g, $reg)}"
              aria-describedby="{$g?desc-id}">
          <xsl:if test="@ref or @corresp">
            <xsl:attribute name="data-ref" select="(tt:id-ref(@ref), tt:id-ref(@corresp))[1]"/>
          </xsl:if>
          <xsl:call-template name="h:lang"/>
          <xsl:apply-templates/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <span class="name {local-name()}">
          <xsl:call-template name="h:lang"/>
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ====================================================================================== -->
  <!-- The index of the document's persons, places and organisations                          -->
  <!-- ====================================================================================== -->

  <xsl:template name="h:register">
    <xsl:param name="reg" as="map(*)" tunnel="yes"/>
    <xsl:param name="doc" as="element()"/>
    <nav class="register" aria-labelledby="register-h">
      <h2 id="register-h">Index</h2>
      <xsl:choose>
        <xsl:when test="empty($reg?groups)">
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
            <xsl:if test="$reg?mentions[@cert]">
              <xsl:text>Certainty of a machine-made tag: </xsl:text>
              <span class="sample neutral cert-high">high</span>
              <xsl:text>, </xsl:text>
              <span class="sample neutral cert-medium">medium</span>
              <xsl:text>, </xsl:text>
              <span class="sample neutral cert-low">low</span>
              <xsl:text>. </xsl:text>
            </xsl:if>
            <xsl:text>Hover over or tab to a name for its description.</xsl:text>
          </p>
          <xsl:for-each select="$h:kinds">
            <xsl:variable name="kind" select="."/>
            <xsl:variable name="of-kind" select="$reg?groups[?kind = $kind]"/>
            <xsl:if test="exists($of-kind)">
              <section aria-labelledby="register-h-{$kind}">
                <h3 id="register-h-{$kind}">{h:kind-plural($kind)}</h3>
                <ul>
                  <xsl:for-each select="$of-kind">
                    <xsl:sort select="h:sort-key(.)" lang="en"/>
                    <xsl:call-template name="h:register-entry">
                      <xsl:with-param name="g" select="."/>
                      <xsl:with-param name="doc" select="$doc"/>
                    </xsl:call-template>
                  </xsl:for-each>
                </ul>
              </section>
            </xsl:if>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </nav>
  </xsl:template>

  <xsl:template name="h:register-entry">
    <xsl:param name="g" as="map(*)"/>
    <xsl:param name="doc" as="element()"/>
    <xsl:param name="reg" as="map(*)" tunnel="yes"/>
    <li class="reg-entry" id="{$g?id}">
      <span id="{$g?desc-id}">
        <span class="vh">{h:kind-label($g?kind)}: </span>
        <span class="reg-name ent-{$g?kind}">{$g?name}</span>
        <xsl:text> </xsl:text>
        <xsl:if test="$g?desc or $g?wikidata">
          <span class="reg-desc">
            <xsl:value-of select="$g?desc"/>
            <xsl:if test="$g?wikidata">
              <xsl:if test="$g?desc"><xsl:text> </xsl:text></xsl:if>
              <span class="reg-id">(Wikidata {$g?wikidata})</span>
            </xsl:if>
          </span>
        </xsl:if>
      </span>
      <xsl:if test="exists($g?forms)">
        <xsl:text> </xsl:text>
        <span class="reg-forms">in the text as {string-join($g?forms ! ('“' || . || '”'), ', ')}</span>
      </xsl:if>
      <xsl:text> </xsl:text>
      <span class="reg-refs">
        <span class="vh">Mentions: </span>
        <xsl:for-each-group select="$g?mentions" group-by="$reg?info(generate-id(.))?where">
          <xsl:variable name="where" select="current-grouping-key()"/>
          <xsl:variable name="several" select="count(current-group()) gt 1"/>
          <xsl:for-each select="current-group()">
            <xsl:variable name="info" select="$reg?info(generate-id(.))"/>
            <a href="#{$info?id}"
               title="“{$info?text}” in {h:location-long($where)}">{$where}<xsl:if test="$several"
                 >{codepoints-to-string(96 + (position() mod 26, 26)[. gt 0][1])}</xsl:if></a>
            <xsl:text> </xsl:text>
          </xsl:for-each>
        </xsl:for-each-group>
      </span>
    </li>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei-to-html.xsl: one TEI document → a self-contained HTML5 reading edition.

  Input: a TEI document as docs/tei-profile.md describes it (teiHeader, standOff, text/body/
  div[@type='document']), or a bare FRUS <div type="document"> (the gold files): then the header
  facts come from the div itself (head, opener, dateline, source note).

  The page (one file, inline CSS, no network requests, readable without scripts):
    <header>   source line ("741.61/1–1447: Telegram"), the head as <h1>, and a list of facts:
               date, from, to, place, classification, received, file number
    <main>     <article class="document">: opener (classification, dateline, received line,
               salute), paragraphs (their telegram/paragraph numbers kept as text), lists, tables,
               closer, attachments; footnote references as superscript links; page breaks as
               "[Page 518]" in the left margin (a thin bar marks the place in the sentence);
               persons, places and organisations as <span class="ent ent-KIND cert-CERT">,
               focusable, with the register's name and description as a tooltip (CSS :hover and
               :focus, data-tip) and for assistive technology (aria-describedby → index entry)
               <section class="notes">: the footnotes, each with a link back to its reference
    <nav>      the index of persons, places and organisations, each linking to every mention
    <footer>   colophon
  Ids: footnotes keep their xml:id (their reference is id + "-ref"), page breaks keep theirs
  ("pg_518"), mentions are "m-N" (or their xml:id), index entries "reg-" + standOff id.

  Modules: lookups.xsl (finding things, plain text; shared with the text and JSON outputs),
  html-common.xsl (CSS, script, helpers shared with tei-to-index.xsl), html-register.xsl
  (mentions and the index).

  Speed (SaxonJS is an interpreter: every instruction, XPath step and function call costs
  microseconds, and a page has hundreds of elements and dozens of mentions):
    - SaxonJS walks the whole compiled stylesheet at the start of every transform, so its size
      costs time on every page. This stylesheet therefore imports lookups.xsl (finding things,
      plain text) but not blocks.xsl (the flattening into blocks serves the text and JSON
      outputs only). A template whose match pattern is a union calls a named template (the
      compiler copies the body once per alternative).
    - Per-document values are global variables, computed once ($h:doc, $h:tei, $h:reg); no
      tunnel parameters, no temporary trees, no preceding:: axis, no generate-id() but for the
      mentions (once in the registry, once per mention in the text).
    - XPath regular expressions are compiled anew at every call (and \d, \w become huge
      character classes): none runs per node where a plain test does, and the helpers first
      check whether a string needs one.
    - Functions called for every node or mention declare no types (SaxonJS checks declared
      types at every call); their comments say what they take.

  Text from the input is only ever written as text (output escaping is never disabled); links
  are made only to places inside the page.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:frus="http://history.state.gov/frus/ns/1.0"
    xmlns:h="urn:x-telegram-tei:html"
    xmlns:tt="urn:x-telegram-tei:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="lookups.xsl"/>
  <xsl:include href="html-common.xsl"/>
  <xsl:include href="html-register.xsl"/>

  <xsl:output method="html" html-version="5" include-content-type="no" encoding="UTF-8" indent="no"/>

  <!-- Whitespace between the children of the elements lookups.xsl names carries no meaning; in
       the HTML, neither does whitespace between the parts of an opener or closer. -->
  <xsl:strip-space elements="opener closer"/>

  <!-- Anything not handled below: its text, without its markup. -->
  <xsl:mode on-no-match="text-only-copy"/>

  <!-- The document (tt:document) and the TEI element above it, if any. -->
  <xsl:variable name="h:doc" as="element()?" select="tt:document(/)"/>
  <xsl:variable name="h:tei" as="element(TEI)?" select="tt:tei(/)"/>

  <!-- ====================================================================================== -->
  <!-- The page                                                                               -->
  <!-- ====================================================================================== -->

  <xsl:template match="/">
    <xsl:for-each select="$h:doc">
      <xsl:variable name="doc" select="."/>
      <xsl:variable name="tei" select="$h:tei"/>
      <xsl:variable name="head" select="head[1]"/>
      <xsl:variable name="source-line" select="note[@type = 'source'][not(tt:is-footnote(.))][1]"/>
      <xsl:variable name="head-text" select="tt:plain($head)"/>
      <xsl:variable name="title" select="
          if ($head-text) then $head-text
          else (tt:plain($tei/teiHeader/fileDesc/titleStmt/title[1])[.], 'Untitled document')[1]"/>
      <xsl:variable name="notes" select="descendant::note[tt:is-footnote(.)]"/>
      <html lang="{(normalize-space(($tei, $doc)[1]/@xml:lang)[.], 'en')[1]}">
        <head>
          <xsl:call-template name="h:page-head">
            <xsl:with-param name="title" select="$title"/>
          </xsl:call-template>
        </head>
        <body>
          <a class="skip-link" href="#text">Skip to the document</a>
          <div class="layout">
            <header class="doc-header">
              <xsl:if test="$source-line">
                <p class="source-line">{tt:plain($source-line/node())}</p>
              </xsl:if>
              <h1 id="doc-title">
                <xsl:choose>
                  <xsl:when test="$head"><xsl:apply-templates select="$head/node()"/></xsl:when>
                  <xsl:otherwise>{$title}</xsl:otherwise>
                </xsl:choose>
              </h1>
              <xsl:call-template name="h:facts">
                <xsl:with-param name="tei" select="$tei"/>
              </xsl:call-template>
            </header>
            <main id="text" tabindex="-1">
              <article class="document" aria-labelledby="doc-title">
                <xsl:if test="@xml:id"><xsl:attribute name="id" select="h:safe-id(@xml:id)"/></xsl:if>
                <xsl:apply-templates select="node() except ($head, $source-line)"/>
              </article>
              <xsl:if test="exists($notes)">
                <section class="notes" aria-labelledby="notes-h">
                  <h2 id="notes-h">Notes</h2>
                  <ol class="notes-list">
                    <xsl:for-each select="$notes">
                      <xsl:call-template name="h:footnote"/>
                    </xsl:for-each>
                  </ol>
                </section>
              </xsl:if>
            </main>
            <xsl:call-template name="h:register"/>
            <footer class="colophon">
              <p>
                <xsl:text>Reading edition made from TEI</xsl:text>
                <xsl:variable name="app" select="$tei/teiHeader/encodingDesc/appInfo/application[1]"/>
                <xsl:if test="$app"> by {normalize-space(($app/label, $app/@ident)[1])}<xsl:if
                    test="$app/@version"> {normalize-space($app/@version)}</xsl:if></xsl:if>
                <xsl:text>. Persons, places and organisations marked by machine carry their certainty; </xsl:text>
                <xsl:text>the descriptions come from the authority registers.</xsl:text>
              </p>
            </footer>
          </div>
          <xsl:call-template name="h:script"/>
        </body>
      </html>
    </xsl:for-each>
  </xsl:template>

  <!-- ====================================================================================== -->
  <!-- The facts in the header                                                                -->
  <!-- ====================================================================================== -->

  <!-- The context: the document. -->
  <xsl:template name="h:facts">
    <xsl:param name="tei" as="element()?"/>
    <xsl:variable name="doc" select="."/>
    <xsl:variable name="corresp" select="$tei/teiHeader/profileDesc/correspDesc"/>
    <xsl:variable name="dateline" select="tt:dateline($doc)"/>
    <xsl:variable name="when" select="tt:document-date($doc)"/>
    <xsl:variable name="dateline-date" select="($dateline//date)[1]"/>
    <xsl:variable name="date-text" select="if ($dateline-date) then tt:plain($dateline-date)
                                           else if ($when) then h:format-when($when) else ()"/>
    <xsl:variable name="from" select="h:party($corresp/correspAction[@type = 'sent'], $doc/head//*[@type = 'from'])"/>
    <xsl:variable name="to" select="h:party($corresp/correspAction[@type = 'received'], $doc/head//*[@type = 'to'])"/>
    <xsl:variable name="place" select="(($corresp/correspAction[@type = 'sent']/placeName, $dateline//placeName)
                                        ! tt:plain(.))[.][1]"/>
    <xsl:variable name="source-note" select="tt:source-note($doc)"/>
    <xsl:variable name="source-text" select="if ($source-note) then tt:plain($source-note/node()) else ()"/>
    <xsl:variable name="seg-classification" select="string-join($doc/opener/seg ! tt:plain(.)[not(starts-with(., '['))], '; ')"/>
    <xsl:variable name="classification" select="
        if ($seg-classification) then $seg-classification
        else if ($source-note) then
          replace($source-text,
                  '^.*?\.\s+((Top Secret|Secret|Confidential|Restricted|Official Use Only|Limited Official Use|Unclassified)[^.]*)\..*$',
                  '$1', 'i')[. != $source-text]
        else ()"/>
    <xsl:variable name="received" select="($doc/opener//text()[contains(., '[Received')] ! replace(normalize-space(.),
                                          '^.*\[Received\s*([^\]]*)\].*$', '$1'))[.][1]"/>
    <xsl:variable name="file-number" select="tt:file-number($doc)"/>
    <xsl:if test="$date-text or $from or $to or $place or $classification or $file-number">
      <dl class="doc-meta">
        <xsl:if test="$date-text">
          <dt>Date</dt>
          <dd>
            <xsl:choose>
              <xsl:when test="h:is-html-datetime($when)"><time datetime="{$when}">{$date-text}</time></xsl:when>
              <xsl:otherwise>{$date-text}</xsl:otherwise>
            </xsl:choose>
            <!-- a date read from the file number is not one the document prints: say so -->
            <xsl:if test="not($dateline-date) and tt:document-date-source($doc) eq 'filenumber'"> (from the file number)</xsl:if>
          </dd>
        </xsl:if>
        <xsl:if test="$from"><dt>From</dt><dd>{$from}</dd></xsl:if>
        <xsl:if test="$to"><dt>To</dt><dd>{$to}</dd></xsl:if>
        <xsl:if test="$place"><dt>Place</dt><dd>{$place}</dd></xsl:if>
        <xsl:if test="$classification"><dt>Classification</dt><dd class="classification">{$classification}</dd></xsl:if>
        <xsl:if test="$received"><dt>Received</dt><dd>{$received}</dd></xsl:if>
        <xsl:if test="$file-number"><dt>File number</dt><dd>{$file-number}</dd></xsl:if>
      </dl>
    </xsl:if>
  </xsl:template>

  <!-- A sender or addressee: from the header's correspAction, else from the head; a person with
       a register record is named as the register names them. -->
  <xsl:function name="h:party" as="xs:string?">
    <xsl:param name="action" as="element()?"/>
    <xsl:param name="in-head" as="element()*"/>
    <xsl:variable name="e" select="($action/(persName | orgName | name | rs), $in-head)[1]"/>
    <xsl:variable name="id" select="if ($e) then tt:id-ref(($e/@ref, $e/@corresp)[1]) else ()"/>
    <!-- (tt:entity($e)) -->
    <xsl:variable name="record" select="if ($id) then tt:by-id($id, $e)[ancestor::standOff][1] else ()"/>
    <xsl:sequence select="if ($e) then (h:record-name($record), tt:plain($e))[.][1] else ()"/>
  </xsl:function>

  <!-- Whether $s (a string, or empty) is a date or dateTime that <time datetime> takes. -->
  <xsl:function name="h:is-html-datetime">
    <xsl:param name="s"/>
    <!-- (\d is any Unicode digit: SaxonJS makes that a very long regular expression, slow to build
         at every call. When $s has no other characters than ASCII digits and the punctuation of
         the pattern, [0-9] means the same.) -->
    <xsl:sequence select="string-length($s) ge 4 and (
        if (translate($s, '0123456789-+:.TZ', '') = '')
        then matches($s, '^[0-9]{4}(-[0-9]{2}(-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+\-][0-9]{2}:[0-9]{2})?)?)?)?$')
        else matches($s, '^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+\-]\d{2}:\d{2})?)?)?)?$'))"/>
  </xsl:function>

  <!-- ====================================================================================== -->
  <!-- Attributes every HTML element may take over from its TEI element                       -->
  <!-- ====================================================================================== -->

  <!-- class tokens from @rend ("rend-italic") and @rendition ("#right" → "rn-right") of the
       element $e -->
  <xsl:function name="h:classes">
    <xsl:param name="e"/>
    <xsl:sequence select="(tokenize(normalize-space($e/@rend), ' ') ! ('rend-' || h:safe-token(.)),
                           tokenize(normalize-space($e/@rendition), ' ') ! ('rn-' || h:safe-token(replace(., '^.*#', ''))))"/>
  </xsl:function>

  <xsl:template name="h:lang">
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang" select="normalize-space(@xml:lang)"/>
    </xsl:if>
  </xsl:template>

  <!-- id (from xml:id), lang and class (the $base classes, then those from @rend, @rendition) -->
  <xsl:template name="h:attrs">
    <xsl:param name="base" as="xs:string*" select="()"/>
    <xsl:if test="@xml:id">
      <xsl:attribute name="id" select="h:safe-id(@xml:id)"/>
    </xsl:if>
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang" select="normalize-space(@xml:lang)"/>
    </xsl:if>
    <xsl:variable name="all" select="if (@rend or @rendition) then distinct-values(($base, h:classes(.)))
                                     else distinct-values($base)"/>
    <xsl:if test="exists($all)">
      <xsl:attribute name="class" select="string-join($all, ' ')"/>
    </xsl:if>
  </xsl:template>

  <!-- ====================================================================================== -->
  <!-- Blocks                                                                                 -->
  <!-- ====================================================================================== -->

  <!-- A paragraph holding a block (a quotation of several paragraphs, a list, a table) cannot be
       an HTML <p>: it becomes <div class="p">. ($e: an element) -->
  <xsl:function name="h:has-block">
    <xsl:param name="e"/>
    <xsl:sequence select="exists($e/(p | ab | list | table | lg | figure | floatingText
                                     | quote[p | ab | lg | list | table or @rend = 'blockquote']
                                     | cit[quote[p or @rend = 'blockquote']]))"/>
  </xsl:function>

  <xsl:template match="p | ab">
    <xsl:call-template name="h:p"/>
  </xsl:template>

  <xsl:template name="h:p">
    <!-- in the list of notes: the link back that ends the footnote's last paragraph -->
    <xsl:param name="back-link" as="map(*)?" tunnel="yes" select="()"/>
    <xsl:variable name="block" select="h:has-block(.)"/>
    <xsl:element name="{if ($block) then 'div' else 'p'}">
      <xsl:call-template name="h:attrs">
        <xsl:with-param name="base" select="if ($block) then 'p' else ()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
      <xsl:if test="exists($back-link) and parent::note and not(following-sibling::*)">
        <xsl:call-template name="h:back-link">
          <xsl:with-param name="note" select="$back-link"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <xsl:template match="opener | closer | postscript">
    <div>
      <xsl:call-template name="h:attrs">
        <xsl:with-param name="base" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- classification lines of the document's opener ("secret", "priority") -->
  <xsl:template match="opener/seg">
    <p>
      <xsl:call-template name="h:attrs">
        <xsl:with-param name="base" select="if (parent::opener/parent::div[@type = 'document']
                                               and not(starts-with(tt:plain(.), '[')))
                                            then 'classification-line' else 'seg'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <xsl:template match="dateline | salute | signed | byline | docAuthor | trailer | closer/seg | postscript/seg">
    <xsl:call-template name="h:line"/>
  </xsl:template>

  <xsl:template name="h:line">
    <p>
      <xsl:call-template name="h:attrs">
        <xsl:with-param name="base" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <!-- a dateline, salute or signature inside a paragraph stays inline -->
  <xsl:template match="p//dateline | p//salute | p//signed" priority="2">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="head">
    <xsl:choose>
      <xsl:when test="parent::list or parent::table"/>
      <xsl:when test="parent::div or parent::frus:attachment or parent::floatingText">
        <h2><xsl:call-template name="h:attrs"/><xsl:apply-templates/></h2>
      </xsl:when>
      <xsl:otherwise>
        <p><xsl:call-template name="h:attrs"><xsl:with-param name="base" select="'head'"/></xsl:call-template><xsl:apply-templates/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="div | frus:attachment | floatingText">
    <xsl:call-template name="h:section"/>
  </xsl:template>

  <xsl:template name="h:section">
    <section>
      <xsl:call-template name="h:attrs">
        <xsl:with-param name="base" select="if (self::frus:attachment) then 'attachment' else local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <xsl:template match="quote[p | ab | lg | list | table or @rend = 'blockquote'] | cit[quote[p or @rend = 'blockquote']]">
    <xsl:call-template name="h:blockquote"/>
  </xsl:template>

  <xsl:template name="h:blockquote">
    <blockquote>
      <xsl:call-template name="h:attrs"/>
      <xsl:choose>
        <xsl:when test="p | ab | lg | list | table"><xsl:apply-templates/></xsl:when>
        <xsl:otherwise><p><xsl:apply-templates/></p></xsl:otherwise>
      </xsl:choose>
    </blockquote>
  </xsl:template>

  <xsl:template match="quote | q">
    <span>
      <xsl:call-template name="h:attrs"><xsl:with-param name="base" select="'quote'"/></xsl:call-template>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="lg">
    <div><xsl:call-template name="h:attrs"><xsl:with-param name="base" select="'lg'"/></xsl:call-template><xsl:apply-templates/></div>
  </xsl:template>
  <xsl:template match="l">
    <span class="l"><xsl:apply-templates/></span><br/>
  </xsl:template>

  <!-- Lists: a head above; labels ("1)", "a.") kept in a column beside their items. -->
  <xsl:template match="list">
    <xsl:variable name="labelled" select="exists(label)"/>
    <xsl:variable name="ordered" select="@type = ('ordered', 'numbered') or @rend = ('numbered', 'ordered')"/>
    <div class="list{if (@type) then ' list-' || h:safe-token(@type) else ''}">
      <xsl:for-each select="head">
        <p class="list-head"><xsl:apply-templates/></p>
      </xsl:for-each>
      <xsl:element name="{if ($ordered and not($labelled)) then 'ol' else 'ul'}">
        <xsl:call-template name="h:attrs">
          <xsl:with-param name="base" select="if ($labelled) then 'labelled' else ()"/>
        </xsl:call-template>
        <xsl:apply-templates select="*[self::item or self::label[not(following-sibling::*[1][self::item])]]"/>
      </xsl:element>
    </div>
  </xsl:template>

  <xsl:template match="list/item">
    <li>
      <xsl:call-template name="h:attrs"/>
      <xsl:choose>
        <xsl:when test="../label">
          <span class="item-label">
            <xsl:apply-templates select="preceding-sibling::*[1][self::label]/node()"/>
          </span>
          <span class="item-body"><xsl:apply-templates/></span>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </li>
  </xsl:template>

  <xsl:template match="list/label">
    <li><span class="item-label"><xsl:apply-templates/></span><span class="item-body"/></li>
  </xsl:template>

  <xsl:template match="table">
    <table>
      <xsl:call-template name="h:attrs"/>
      <xsl:for-each select="head[1]">
        <caption><xsl:apply-templates/></caption>
      </xsl:for-each>
      <tbody>
        <xsl:apply-templates select="row"/>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="row">
    <tr><xsl:call-template name="h:attrs"/><xsl:apply-templates select="cell"/></tr>
  </xsl:template>

  <xsl:template match="cell">
    <xsl:element name="{if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
      <xsl:call-template name="h:attrs"/>
      <xsl:if test="@cols and @cols castable as xs:positiveInteger and xs:integer(@cols) gt 1">
        <xsl:attribute name="colspan" select="xs:integer(@cols)"/>
      </xsl:if>
      <xsl:if test="@rows and @rows castable as xs:positiveInteger and xs:integer(@rows) gt 1">
        <xsl:attribute name="rowspan" select="xs:integer(@rows)"/>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="figure">
    <div class="figure">
      <xsl:apply-templates select="*[self::head or self::p or self::figDesc]"/>
      <xsl:if test="not(head | p | figDesc)"><span class="editorial">[Figure]</span></xsl:if>
    </div>
  </xsl:template>
  <xsl:template match="figDesc"><p class="editorial"><xsl:apply-templates/></p></xsl:template>
  <!-- images are not embedded: the page fetches nothing -->
  <xsl:template match="graphic | media | binaryObject"/>

  <!-- ====================================================================================== -->
  <!-- Footnotes                                                                              -->
  <!-- ====================================================================================== -->

  <!-- where the note stands: a superscript link to it -->
  <xsl:template match="note">
    <xsl:choose>
      <xsl:when test="tt:is-footnote(.)">
        <xsl:variable name="n" select="tt:note-number(.)"/>
        <xsl:variable name="id" select="h:note-id(.)"/>
        <sup class="fn-ref"><a id="{$id}-ref" href="#{$id}" aria-label="Note {$n}">{$n}</a></sup>
      </xsl:when>
      <!-- an inline note (other than the source line, which the header prints) -->
      <xsl:otherwise>
        <span class="note-inline"><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The id of a footnote ($note) in the list of notes (its reference's is this + "-ref"). -->
  <xsl:function name="h:note-id">
    <xsl:param name="note"/>
    <xsl:sequence select="h:safe-id(tt:note-id($note))"/>
  </xsl:function>

  <!-- the link from the end of a footnote back to its reference ($note: its id and number) -->
  <xsl:template name="h:back-link">
    <xsl:param name="note" as="map(*)"/>
    <a class="fn-back" href="#{$note?id}-ref" aria-label="Back to the text at note {$note?n}">↩&#xFE0E;</a>
  </xsl:template>

  <!-- the note itself, in the list of notes (the context: the note) -->
  <xsl:template name="h:footnote">
    <xsl:variable name="note" select="map { 'id': h:note-id(.), 'n': tt:note-number(.) }"/>
    <li id="{$note?id}">
      <span class="note-n">{$note?n}.</span>
      <div class="note-body">
        <xsl:choose>
          <xsl:when test="h:has-block(.)">
            <xsl:apply-templates>
              <xsl:with-param name="back-link" select="$note" tunnel="yes"/>
            </xsl:apply-templates>
            <xsl:if test="not(*[last()][self::p or self::ab]) or text()[normalize-space()][not(following-sibling::*)]">
              <p><xsl:call-template name="h:back-link"><xsl:with-param name="note" select="$note"/></xsl:call-template></p>
            </xsl:if>
          </xsl:when>
          <xsl:otherwise>
            <p><xsl:apply-templates/><xsl:call-template name="h:back-link"><xsl:with-param name="note" select="$note"/></xsl:call-template></p>
          </xsl:otherwise>
        </xsl:choose>
      </div>
    </li>
  </xsl:template>

  <!-- ====================================================================================== -->
  <!-- Page breaks: "[Page 518]" in the margin; the sentence runs on                          -->
  <!-- ====================================================================================== -->

  <xsl:template match="pb">
    <xsl:variable name="n" select="normalize-space(@n)"/>
    <span class="pb" id="{if (@xml:id) then h:safe-id(@xml:id) else 'pg_' || h:safe-token(if ($n) then $n else generate-id())}"><span
        class="pb-mark" aria-hidden="true">|</span><span class="pb-label"> [{if ($n) then 'Page ' || $n else 'Page break'}] </span></span>
  </xsl:template>

  <!-- A footnote marker is glued to the word before it (history.state.gov): whitespace
       before a footnote, even across the end of an inline element, is dropped. -->
  <xsl:template match="text()[not(following-sibling::node()[1][not(self::note or self::text())])][matches(., '\s$')]
                             [h:glued-to-note(.)]">
    <xsl:value-of select="replace(., '\s+$', '')"/>
  </xsl:template>

  <!-- Whether the node $n is followed by a footnote, maybe across the end of inline elements
       and whitespace. -->
  <xsl:function name="h:glued-to-note">
    <xsl:param name="n"/>
    <xsl:variable name="next" select="$n/following-sibling::node()[1]"/>
    <xsl:sequence select="
        if (empty($next)) then
          (if ($n/parent::*[self::hi or self::persName or self::placeName or self::geogName or self::orgName
                            or self::rs or self::gloss or self::term or self::date or self::time or self::name
                            or self::seg or self::foreign or self::emph or self::title or self::abbr or self::num
                            or self::q or self::ref or self::unclear or self::sic or self::add or self::roleName
                            or self::quote[not(p | ab | lg | list | table)]])
           then h:glued-to-note($n/..) else false())
        else if ($next/self::note) then tt:is-footnote($next)
        else if ($next/self::text() and not(normalize-space($next))) then h:glued-to-note($next)
        else false()"/>
  </xsl:function>

  <xsl:template match="lb"><br/></xsl:template>
  <xsl:template match="cb | milestone | fw | anchor[not(@xml:id)]"/>
  <xsl:template match="anchor"><span id="{h:safe-id(@xml:id)}"/></xsl:template>

  <!-- ====================================================================================== -->
  <!-- Inline                                                                                 -->
  <!-- ====================================================================================== -->

  <xsl:template match="hi">
    <xsl:call-template name="h:hi">
      <xsl:with-param name="rends" select="if (@rend) then tokenize(normalize-space(@rend), ' ') else ()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- One HTML element per rend token, nested (the first outermost), the element's content
       innermost: <i>, <strong>, <sup>, <sub>, <u>, <span class="sc"> for small capitals, else
       <span class="rend-TOKEN">. -->
  <xsl:variable name="h:hi-elements" as="map(xs:string, xs:string)" select="map {
      'italic': 'i', 'italics': 'i', 'i': 'i', 'bold': 'strong', 'strong': 'strong', 'b': 'strong',
      'superscript': 'sup', 'sup': 'sup', 'subscript': 'sub', 'sub': 'sub',
      'smallcaps': 'sc', 'sc': 'sc', 'small-caps': 'sc', 'underline': 'u', 'u': 'u' }"/>

  <xsl:template name="h:hi">
    <xsl:param name="rends" as="xs:string*"/>
    <xsl:choose>
      <xsl:when test="empty($rends)"><xsl:apply-templates/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="r" select="$rends[1]"/>
        <xsl:variable name="e" select="$h:hi-elements($r)"/>
        <xsl:element name="{if (empty($e) or $e = 'sc') then 'span' else $e}">
          <xsl:if test="empty($e) or $e = 'sc'">
            <xsl:attribute name="class" select="if ($e) then 'sc' else 'rend-' || h:safe-token($r)"/>
          </xsl:if>
          <xsl:call-template name="h:hi">
            <xsl:with-param name="rends" select="tail($rends)"/>
          </xsl:call-template>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="emph"><em><xsl:call-template name="h:lang"/><xsl:apply-templates/></em></xsl:template>
  <xsl:template match="foreign"><i><xsl:call-template name="h:lang"/><xsl:apply-templates/></i></xsl:template>
  <xsl:template match="title"><cite><xsl:apply-templates/></cite></xsl:template>
  <xsl:template match="gloss | term | abbr | expan | num | measure | name | roleName | seg | unclear | sic | add">
    <xsl:call-template name="h:span"/>
  </xsl:template>
  <xsl:template name="h:span">
    <span>
      <xsl:call-template name="h:attrs">
        <xsl:with-param name="base" select="(local-name(), if (@type) then local-name() || '-' || h:safe-token(@type) else ())"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </span>
  </xsl:template>
  <xsl:template match="del"><del><xsl:apply-templates/></del></xsl:template>
  <xsl:template match="choice">
    <xsl:apply-templates select="(corr, reg, expan, abbr, sic, orig)[1]"/>
  </xsl:template>
  <xsl:template match="gap">
    <span class="gap" title="{normalize-space(string-join((@reason, @extent, @quantity, @unit), ' '))}">[…]</span>
  </xsl:template>
  <xsl:template match="space"><xsl:text> </xsl:text></xsl:template>

  <xsl:template match="date | time">
    <xsl:call-template name="h:date"/>
  </xsl:template>
  <xsl:template name="h:date">
    <xsl:variable name="when" select="normalize-space(@when)"/>
    <xsl:choose>
      <xsl:when test="h:is-html-datetime($when)">
        <time datetime="{$when}"><xsl:call-template name="h:lang"/><xsl:apply-templates/></time>
      </xsl:when>
      <xsl:otherwise>
        <span class="date"><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Cross-references: a link only when the target is in this page; anything else (another
       document, another volume, a web address) stays text. -->
  <xsl:template match="ref | ptr">
    <xsl:call-template name="h:ref"/>
  </xsl:template>
  <xsl:template name="h:ref">
    <xsl:variable name="href" select="h:local-target(.)"/>
    <xsl:choose>
      <xsl:when test="$href"><a class="xref-local" href="{$href}"><xsl:call-template name="h:ref-content"/></a></xsl:when>
      <xsl:otherwise><span class="xref" data-target="{normalize-space(@target)}"><xsl:call-template name="h:ref-content"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template name="h:ref-content">
    <xsl:apply-templates/>
    <xsl:if test="self::ptr">{(@target, '[reference]')[1]}</xsl:if>
  </xsl:template>

  <!-- "#id" for the target of $ref/@target if it is in this page, else the empty sequence. -->
  <xsl:function name="h:local-target">
    <xsl:param name="ref"/>
    <xsl:variable name="n" select="normalize-space($ref/@target)"/>
    <xsl:variable name="t" select="if (contains($n, ' ')) then substring-before($n, ' ') else $n"/>
    <xsl:variable name="id" select="if (starts-with($t, '#')) then substring($t, 2) else ()"/>
    <xsl:variable name="target" select="if ($id) then tt:by-id($id, $ref)[1] else ()"/>
    <xsl:sequence select="
        if (empty($target) or $target/ancestor-or-self::teiHeader or $target/ancestor-or-self::standOff) then ()
        else if ($target/self::note[tt:is-footnote(.)]) then '#' || h:note-id($target)
        else '#' || h:safe-id($id)"/>
  </xsl:function>

</xsl:stylesheet>

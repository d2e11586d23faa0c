<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei-to-index.xsl: the batch index page (index.html) over the HTML editions of a set of documents.

  Input: not TEI but a list the batch step writes (no namespace):

    <documents>
      <!- - one per converted document, in any order (the page sorts by date, then title) - ->
      <document href="smith-1947-01-14-montgomery-visit.html"   relative link to the edition
                date="1947-01-14"                                ISO date (or dateTime); may be empty
                date-source="filenumber"                         optional: the date is the file number's
                title="The Ambassador in the Soviet Union (Smith) to the Secretary of State"
                from="Smith"                                     sender, as the header gives it
                to="Secretary of State"/>                        addressee
      …
      <entities>                                                 optional: the registers
        <entity kind="person"                                    person | place | org
                id="per-montgomery"                              the standOff xml:id; the edition's
                                                                 index entry is #reg-{id}
                name="Bernard Law Montgomery"
                description="Field Marshal …">                   optional
          <in href="smith-1947-01-14-montgomery-visit.html" count="5"/>   one per document it occurs in
        </entity>
        …
      </entities>
    </documents>

  A large corpus comes a page at a time (the batch makes one transform per page, so that memory
  does not grow with the corpus): the root then says where the page stands, the documents come
  already in order, and each <in> carries the title and date of its document (which may be on
  another page):

    <documents total="10000" page="2" pages="10" first="1001" sorted="yes">
      <document …/> …                                            documents 1001–2000, in order
      <entities> … <entity … documents="250"><in href="…" count="3" title="…" date="…"/> …
                                                                 (page 1 only; @documents: in
                                                                 how many documents in all, when
                                                                 only some are listed)
    </documents>

  Page 1 is index.html, page N index-00N.html (three digits at least).

  Output: one self-contained HTML5 page (same style sheet as the editions): a table of the
  documents (date, title, from, to; the title links to the edition) and the registers of persons,
  places and organisations across the documents, each entity linking to its index entry in every
  document it occurs in, with the number of mentions there.

  Only relative hrefs become links (an absolute or "javascript:" href is printed as text).
  Parameter: $title, the page title.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:h="urn:x-telegram-tei:html"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="html-common.xsl"/>

  <xsl:output method="html" html-version="5" include-content-type="no" encoding="UTF-8" indent="no"/>
  <xsl:strip-space elements="documents entities entity"/>

  <xsl:param name="title" as="xs:string" select="'Documents'"/>

  <xsl:key name="document" match="document" use="normalize-space(@href)"/>

  <xsl:mode on-no-match="shallow-skip"/>

  <!-- Paging (see above): this page's number, how many there are, the documents in all. -->
  <xsl:variable name="page" as="xs:integer" select="h:integer(/documents/@page, 1)"/>
  <xsl:variable name="pages" as="xs:integer" select="h:integer(/documents/@pages, 1)"/>

  <xsl:template match="/">
    <xsl:variable name="docs" select="//document"/>
    <xsl:variable name="total" as="xs:integer" select="h:integer(/documents/@total, count($docs))"/>
    <xsl:variable name="entities" select="//entities/entity"/>
    <xsl:variable name="kinds" select="distinct-values(('person', 'place', 'org', $entities/h:index-kind(@kind)))
                                       [. = $entities/h:index-kind(@kind)]"/>
    <html lang="en">
      <head>
        <xsl:call-template name="h:page-head">
          <xsl:with-param name="title" select="$title"/>
        </xsl:call-template>
      </head>
      <body class="index-page">
        <a class="skip-link" href="#content">Skip to the list of documents</a>
        <div class="layout">
          <header class="doc-header">
            <h1>{$title}</h1>
            <p class="summary">
              <xsl:value-of select="h:count($total, 'document', 'documents')"/>
              <xsl:for-each select="$kinds">
                <xsl:variable name="kind" select="."/>
                <xsl:text>; </xsl:text>
                <xsl:value-of select="h:count(count($entities[h:index-kind(@kind) = $kind]),
                                               lower-case(h:kind-label($kind)), lower-case(h:kind-plural($kind)))"/>
              </xsl:for-each>
              <xsl:text>.</xsl:text>
              <xsl:if test="$pages gt 1"> Page {$page} of {$pages}.</xsl:if>
            </p>
          </header>
          <nav class="contents" aria-label="Contents">
            <a href="#documents-h">Documents</a>
            <xsl:for-each select="$kinds">
              <a href="#register-{h:safe-token(.)}">{h:kind-plural(.)}</a>
            </xsl:for-each>
            <xsl:if test="$page gt 1"><a href="index.html">Index and registers</a></xsl:if>
          </nav>
          <main id="content" tabindex="-1">
            <section aria-labelledby="documents-h">
              <h2 id="documents-h">Documents</h2>
              <xsl:choose>
                <xsl:when test="empty($docs)">
                  <p class="empty">No documents.</p>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:call-template name="h:pages"/>
                  <table class="doc-table">
                    <caption>
                      <xsl:if test="$pages gt 1">
                        <xsl:variable name="first" select="h:integer(/documents/@first, 1)"/>
                        <xsl:text>Documents {$first}–{$first + count($docs) - 1} of {$total}. </xsl:text>
                      </xsl:if>
                      <xsl:text>The documents by date; each title opens its reading edition.</xsl:text>
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">Date</th>
                        <th scope="col">Title</th>
                        <th scope="col">From</th>
                        <th scope="col">To</th>
                      </tr>
                    </thead>
                    <tbody>
                      <xsl:choose>
                        <!-- a page of a larger list: the batch put the whole list in order -->
                        <xsl:when test="/documents/@sorted = 'yes'">
                          <xsl:apply-templates select="$docs"/>
                        </xsl:when>
                        <xsl:otherwise>
                          <xsl:apply-templates select="$docs">
                            <xsl:sort select="normalize-space(@date) = ''"/>
                            <xsl:sort select="normalize-space(@date)"/>
                            <xsl:sort select="lower-case(normalize-space(@title))" lang="en"/>
                          </xsl:apply-templates>
                        </xsl:otherwise>
                      </xsl:choose>
                    </tbody>
                  </table>
                  <xsl:call-template name="h:pages"/>
                </xsl:otherwise>
              </xsl:choose>
            </section>
            <xsl:if test="exists($entities)">
              <div class="registers">
                <xsl:for-each select="$kinds">
                  <xsl:variable name="kind" select="."/>
                  <section aria-labelledby="register-{h:safe-token($kind)}">
                    <h2 id="register-{h:safe-token($kind)}">{h:kind-plural($kind)}</h2>
                    <ul class="register-list">
                      <xsl:apply-templates select="$entities[h:index-kind(@kind) = $kind]">
                        <xsl:sort select="h:index-sort-key(.)" lang="en"/>
                      </xsl:apply-templates>
                    </ul>
                  </section>
                </xsl:for-each>
              </div>
            </xsl:if>
          </main>
          <footer class="colophon">
            <p>Made by telegram-tei from the TEI of each document.</p>
          </footer>
        </div>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="document">
    <tr>
      <td class="date">
        <xsl:variable name="date" select="normalize-space(@date)"/>
        <xsl:if test="$date">
          <time datetime="{$date}">{h:format-when(substring($date, 1, 10))}</time>
          <xsl:if test="@date-source = 'filenumber'"> (from the file number)</xsl:if>
        </xsl:if>
      </td>
      <td class="title">
        <xsl:call-template name="h:link">
          <xsl:with-param name="href" select="@href"/>
          <xsl:with-param name="text" select="(normalize-space(@title)[.], normalize-space(@href)[.], 'Untitled document')[1]"/>
        </xsl:call-template>
      </td>
      <td class="from">{normalize-space(@from)}</td>
      <td class="to">{normalize-space(@to)}</td>
    </tr>
  </xsl:template>

  <xsl:template match="entity">
    <xsl:variable name="id" select="normalize-space(@id)"/>
    <li class="reg-entry">
      <xsl:if test="$id">
        <xsl:attribute name="id" select="'ent-' || h:safe-token($id)"/>
      </xsl:if>
      <span class="reg-name ent-{h:index-kind(@kind)}">{(normalize-space(@name)[.], $id, '(unnamed)')[1]}</span>
      <xsl:if test="normalize-space(@description)">
        <span class="reg-desc">{normalize-space(@description)}</span>
      </xsl:if>
      <xsl:if test="in">
        <span class="reg-refs">
          <span class="vh">Occurs in: </span>
          <xsl:for-each select="in">
            <xsl:sort select="normalize-space(h:document-of(.)/@date)"/>
            <xsl:variable name="doc" select="h:document-of(.)"/>
            <xsl:variable name="count" select="if (@count castable as xs:integer) then xs:integer(@count) else ()"/>
            <xsl:variable name="date" select="normalize-space($doc/@date)"/>
            <span class="reg-in">
              <xsl:call-template name="h:link">
                <xsl:with-param name="href" select="normalize-space(@href) || (if ($id) then '#reg-' || $id else '')"/>
                <xsl:with-param name="text" select="(normalize-space($doc/@title)[.], normalize-space(@href))[1]"/>
              </xsl:call-template>
              <xsl:variable name="about" select="(if ($date) then h:format-when(substring($date, 1, 10)) else (),
                                                  if (exists($count)) then h:count($count, 'mention', 'mentions') else ())"/>
              <xsl:if test="exists($about)"><xsl:text> </xsl:text><span class="reg-about">({string-join($about, ', ')})</span></xsl:if>
            </span>
          </xsl:for-each>
          <xsl:variable name="more" select="h:integer(@documents, 0) - count(in)"/>
          <xsl:if test="$more gt 0">
            <span class="reg-about reg-more">{h:count($more, 'more document', 'more documents')} (all in registers.xml)</span>
          </xsl:if>
        </span>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- The document an entity's <in> points to: the <in> itself when it carries the title and
       date (a paged index), else the document listed on this page. -->
  <xsl:function name="h:document-of" as="element()?">
    <xsl:param name="in" as="element(in)"/>
    <xsl:sequence select="if ($in/@title) then $in else key('document', normalize-space($in/@href), root($in))[1]"/>
  </xsl:function>

  <!-- Links to the other pages of a paged list ("Pages: 1 2 3 …"); nothing for one page. -->
  <xsl:template name="h:pages">
    <xsl:if test="$pages gt 1">
      <nav class="pages" aria-label="Pages of the list of documents">
        <xsl:text>Pages:</xsl:text>
        <xsl:for-each select="1 to $pages">
          <xsl:text> </xsl:text>
          <xsl:choose>
            <xsl:when test=". = $page"><span aria-current="page">{.}</span></xsl:when>
            <xsl:otherwise><a href="{h:page-href(.)}">{.}</a></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:function name="h:page-href" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="if ($n = 1) then 'index.html' else 'index-' || format-integer($n, '000') || '.html'"/>
  </xsl:function>

  <!-- An attribute as an integer, or the default when it is absent or not a whole number. -->
  <xsl:function name="h:integer" as="xs:integer">
    <xsl:param name="value" as="attribute()?"/>
    <xsl:param name="default" as="xs:integer"/>
    <xsl:sequence select="if (matches(string($value), '^\s*[0-9]{1,9}\s*$')) then xs:integer(normalize-space($value)) else $default"/>
  </xsl:function>

  <!-- A link if the reference is relative; the text alone otherwise. -->
  <xsl:template name="h:link">
    <xsl:param name="href" as="xs:string?"/>
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="title" as="xs:string?" select="()"/>
    <xsl:choose>
      <xsl:when test="h:is-local-href($href)">
        <a href="{normalize-space($href)}">
          <xsl:if test="$title and $title != $text"><xsl:attribute name="title" select="$title"/></xsl:if>
          <xsl:value-of select="$text"/>
        </a>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:function name="h:index-kind" as="xs:string">
    <xsl:param name="kind" as="xs:string?"/>
    <xsl:variable name="k" select="lower-case(normalize-space($kind))"/>
    <xsl:sequence select="if ($k = ('org', 'organisation', 'organization')) then 'org'
                          else if ($k = ('person', 'place')) then $k
                          else if ($k) then h:safe-token($k) else 'other'"/>
  </xsl:function>

  <xsl:function name="h:index-sort-key" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="name" select="normalize-space(replace(string($e/@name), '\([^)]*\)', ''))"/>
    <xsl:sequence select="lower-case(if (h:index-kind($e/@kind) = 'person')
                                     then tokenize($name, ' ')[last()] || ' ' || $name else $name)"/>
  </xsl:function>

  <xsl:function name="h:count" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:param name="one" as="xs:string"/>
    <xsl:param name="many" as="xs:string"/>
    <xsl:sequence select="$n || ' ' || (if ($n = 1) then $one else $many)"/>
  </xsl:function>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  html-common.xsl: what the two HTML stylesheets share (tei-to-html.xsl for one document,
  tei-to-index.xsl for the batch index page). It does not depend on TEI or on lookups.xsl.

    h:page-head        named template: <meta charset>, viewport, a Content-Security-Policy that
                       forbids every network request, an empty icon (so no favicon request),
                       the <title> and the inline style sheet
    h:css              named template: the style sheet (screen, narrow screens, print)
    h:script           named template: the small inline script (footnote pop-ups); the page is
                       complete and readable without it
    h:safe-token       a string made safe for a class name or an id
    h:is-local-href    true for a relative link (no scheme, no "//"): the only links we emit
    h:format-when      an ISO date / dateTime as "January 14, 1947" / "August 3, 1948, 7:00 p.m."
    h:kind-label       "person" → "Person" (and "Persons" with h:kind-plural)

  Everything is in the h: namespace; the importing stylesheets own the default mode.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:h="urn:x-telegram-tei:html"
    exclude-result-prefixes="#all"
    expand-text="no">

  <!-- ====================================================================================== -->
  <!-- Helpers                                                                                -->
  <!-- ====================================================================================== -->

  <!-- (A string that is already safe is returned without a regular expression: SaxonJS compiles
       one anew at every call.) -->
  <xsl:function name="h:safe-token" as="xs:string">
    <xsl:param name="s" as="xs:string?"/>
    <xsl:variable name="n" select="normalize-space($s)"/>
    <xsl:variable name="t" select="if (translate($n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-', '') = '') then $n
                                   else replace($n, '[^A-Za-z0-9_\-]+', '-')"/>
    <xsl:sequence select="if ($t = '') then 'x' else $t"/>
  </xsl:function>

  <!-- An id: the token, starting with a letter. -->
  <xsl:function name="h:safe-id" as="xs:string">
    <xsl:param name="s" as="xs:string?"/>
    <xsl:variable name="n" select="normalize-space($s)"/>
    <xsl:variable name="t" select="if (translate($n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-', '') = '') then $n
                                   else replace($n, '[^A-Za-z0-9_.\-]+', '_')"/>
    <xsl:sequence select="if (translate(substring($t, 1, 1), 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', '') = '' and $t != '')
                          then $t else 'x' || $t"/>
  </xsl:function>

  <!-- Only relative references are turned into links: no scheme (http:, javascript:, data: …),
       no network-path reference ("//host"). -->
  <xsl:function name="h:is-local-href" as="xs:boolean">
    <xsl:param name="href" as="xs:string?"/>
    <xsl:variable name="s" select="normalize-space($href)"/>
    <xsl:sequence select="$s != ''
        and not(matches($s, '^[A-Za-z][A-Za-z0-9+.\-]*:'))
        and not(starts-with($s, '//'))
        and not(starts-with($s, '\\'))"/>
  </xsl:function>

  <!-- "1947-01-14" → "January 14, 1947"; "1948-08-03T19:00:00+01:00" → "August 3, 1948, 7:00 p.m.";
       "1947-01" → "January 1947"; anything else is returned as given. -->
  <xsl:function name="h:format-when" as="xs:string">
    <xsl:param name="when" as="xs:string?"/>
    <xsl:variable name="w" select="normalize-space($when)"/>
    <xsl:variable name="day" select="substring($w, 1, 10)"/>
    <xsl:variable name="time" select="if (contains($w, 'T')) then substring(substring-after($w, 'T'), 1, 8) else ''"/>
    <xsl:sequence select="
        (: a failing castable costs SaxonJS an error object with a stack trace: test the shape first :)
        if (matches($day, '^[0-9]{4}-[0-9]{2}-[0-9]{2}$') and $day castable as xs:date)
        then format-date(xs:date($day), '[MNn] [D], [Y]', 'en', (), ())
             || (if ($time != '' and $time castable as xs:time)
                 then ', ' || format-time(xs:time($time), '[h]:[m01] [Pn]', 'en', (), ())
                 else '')
        else if (matches($w, '^\d{4}-\d{2}$') and ($w || '-01') castable as xs:date)
        then format-date(xs:date($w || '-01'), '[MNn] [Y]', 'en', (), ())
        else $w"/>
  </xsl:function>

  <xsl:function name="h:kind-label" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="if ($kind = 'person') then 'Person' else if ($kind = 'place') then 'Place'
                          else if ($kind = 'org') then 'Organisation' else $kind"/>
  </xsl:function>

  <xsl:function name="h:kind-plural" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="if ($kind = 'person') then 'Persons' else if ($kind = 'place') then 'Places'
                          else if ($kind = 'org') then 'Organisations' else $kind"/>
  </xsl:function>

  <!-- ====================================================================================== -->
  <!-- The <head> of every page                                                               -->
  <!-- ====================================================================================== -->

  <xsl:template name="h:page-head">
    <xsl:param name="title" as="xs:string"/>
    <meta charset="utf-8"/>
    <meta name="viewport" content="width=device-width, initial-scale=1"/>
    <!-- The page is self-contained: nothing may be fetched from anywhere. -->
    <meta http-equiv="Content-Security-Policy"
          content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"/>
    <meta name="generator" content="telegram-tei"/>
    <link rel="icon" href="data:,"/>
    <title><xsl:value-of select="$title"/></title>
    <style><xsl:call-template name="h:css"/></style>
  </xsl:template>

  <!-- ====================================================================================== -->
  <!-- Style sheet                                                                            -->
  <!-- ====================================================================================== -->

  <xsl:template name="h:css">
    <xsl:text><![CDATA[
:root {
  --paper: #fffdf8; --ink: #1d1c1a; --muted: #5b5750; --rule: #d8d1c3; --faint: #f4efe4;
  --link: #1c4f8f; --focus: #a14400; --target: #fbefc4;
  --person: #8b2b1c; --place: #1d5f3a; --org: #27488a;
  --serif: "Iowan Old Style", "Palatino Linotype", Palatino, "Book Antiqua", Georgia, "Liberation Serif", "Times New Roman", serif;
  --sans: "Source Sans 3", "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
}
* { box-sizing: border-box; }
html { background: var(--paper); color: var(--ink); }
body { margin: 0; font-family: var(--serif); font-size: 1.125rem; line-height: 1.6;
  -webkit-text-size-adjust: 100%; text-rendering: optimizeLegibility; font-kerning: normal; }
a { color: var(--link); text-underline-offset: .15em; }
a:hover { color: #0f3564; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
.vh { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  clip-path: inset(50%); white-space: nowrap; margin: -1px; padding: 0; border: 0; }
.skip-link { position: absolute; left: 1rem; top: -3rem; z-index: 100; background: var(--ink); color: #fff;
  padding: .4rem .8rem; font-family: var(--sans); font-size: .9rem; }
.skip-link:focus { top: .5rem; color: #fff; }

/* ---- layout: a reading column with a left margin for page numbers; the index beside it on
        wide screens, below it otherwise ---- */
.layout { max-width: 46rem; margin: 0 auto; padding: 2.5rem 1.5rem 3rem 7.5rem; }
@media (min-width: 80rem) {
  /* the index spans all rows; a last, flexible row takes up its extra height so that the
     header, text and colophon stay together */
  .layout { max-width: 74rem; display: grid; grid-template-columns: minmax(0, 38rem) minmax(0, 21rem);
    grid-template-rows: auto auto auto 1fr; column-gap: 4.5rem; align-items: start; }
  .layout > .doc-header { grid-column: 1; grid-row: 1; }
  .layout > main { grid-column: 1; grid-row: 2; }
  .layout > .colophon { grid-column: 1; grid-row: 3; }
  .layout > .register { grid-column: 2; grid-row: 1 / span 4; }
}

/* ---- header ---- */
.doc-header { border-bottom: 1px solid var(--rule); padding-bottom: 1.25rem; margin-bottom: 2rem; }
.source-line { font-family: var(--sans); font-size: .85rem; letter-spacing: .02em; color: var(--muted); margin: 0 0 .6rem; }
.doc-header h1 { font-weight: normal; font-size: 1.75rem; line-height: 1.3; margin: 0 0 1.1rem; }
.doc-meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1.2rem; margin: 0;
  font-size: .95rem; }
.doc-meta dt { font-variant: small-caps; letter-spacing: .04em; color: var(--muted); text-transform: lowercase; }
.doc-meta dd { margin: 0; }
.doc-meta .classification { font-variant: small-caps; text-transform: lowercase; letter-spacing: .05em; }

/* ---- the document ---- */
.document { position: relative; }
.document p, .document .p { margin: 0 0 .85em; }
.document > p, .document > .p, .attachment > p, .attachment > .p { hyphens: manual; }
.opener, .closer, .postscript { margin: 0 0 1.2em; }
.opener p, .closer p, .postscript p { margin: 0 0 .15em; }
.classification-line, .sc, .rend-smallcaps { font-variant: small-caps; letter-spacing: .03em; }
.classification-line { text-transform: lowercase; }
.dateline, .rn-right, .rend-right { text-align: right; }
.rn-left, .rend-left, .rend-flushleft { text-align: left; }
.rn-center, .rend-center { text-align: center; }
.salute { margin-top: .6em; }
.closer { text-align: right; }
.closer .signed { font-variant: small-caps; letter-spacing: .03em; }
.document h2, .attachment h2 { font-weight: normal; font-size: 1.2rem; margin: 1.5em 0 .6em; text-align: center; }
.attachment { border-top: 1px solid var(--rule); margin-top: 1.8em; padding-top: .8em; }
blockquote { margin: .6em 0 .9em 1.8em; }
.list-head { font-variant: small-caps; letter-spacing: .03em; margin-bottom: .2em !important; }
.document ul, .document ol { margin: 0 0 .9em; padding-left: 1.8em; }
ul.labelled { list-style: none; padding-left: 0; }
ul.labelled > li { display: grid; grid-template-columns: 2.5em 1fr; }
ul.labelled > li > .item-label { text-align: left; }
.document table { border-collapse: collapse; margin: 0 0 1em; }
.document td, .document th { vertical-align: top; text-align: left; padding: .1em .8em .1em 0; font-weight: normal; }
.rn-nowrap { white-space: nowrap; }
.rn-top { vertical-align: top; }
.rn-hanging { padding-left: 1.5em !important; text-indent: -1.5em; }
.gap, .editorial { color: var(--muted); }
.xref { border-bottom: 1px dotted var(--muted); }

/* ---- page numbers: in the left margin as history.state.gov prints them, the sentence runs on;
        a thin bar marks where the page turns ---- */
.pb-mark { color: #8a857c; font-family: var(--sans); font-size: .8em; padding: 0 .05em; }
.document .pb-label { position: absolute; left: -7.25rem; width: 6.25rem; text-align: right;
  font-family: var(--sans); font-size: .8rem; line-height: 1.9; color: var(--muted); white-space: nowrap;
  font-style: normal; font-weight: normal; text-indent: 0; }
.pb-label { font-family: var(--sans); font-size: .8rem; color: var(--muted); }

/* ---- footnote references ---- */
sup.fn-ref { font-size: .68em; line-height: 0; vertical-align: super; font-family: var(--sans); }
sup.fn-ref a { text-decoration: none; padding: 0 .2em 0 .05em; border-radius: 2px; }
sup.fn-ref a:hover, sup.fn-ref a:focus-visible { background: var(--faint); text-decoration: underline; }
:target { scroll-margin-top: 25vh; }
sup.fn-ref a:target { background: var(--target); }

/* ---- entities: kind by colour, certainty of a machine-made tag by the underline ---- */
.ent { position: relative; text-decoration-line: underline; text-decoration-thickness: 1.5px;
  text-underline-offset: .22em; text-decoration-skip-ink: auto; cursor: help; border-radius: 2px; }
.ent-person { text-decoration-color: var(--person); }
.ent-place { text-decoration-color: var(--place); }
.ent-org { text-decoration-color: var(--org); }
.ent.ent-person:hover, .ent.ent-person:focus { color: var(--person); }
.ent.ent-place:hover, .ent.ent-place:focus { color: var(--place); }
.ent.ent-org:hover, .ent.ent-org:focus { color: var(--org); }
.cert-high, .cert-none { text-decoration-style: solid; }
.cert-medium { text-decoration-style: dashed; }
.cert-low { text-decoration-style: dotted; text-decoration-thickness: 2px; }
a.ent { color: inherit; }
.ent:hover, .ent:focus { background: var(--faint); }
.ent:target { background: var(--target); box-shadow: 0 0 0 2px var(--target); }
.ent[data-tip]:hover::after, .ent[data-tip]:focus::after {
  content: attr(data-tip); position: absolute; left: 0; top: calc(100% + .4em); z-index: 20;
  width: max-content; max-width: min(24rem, 80vw); white-space: pre-line;
  background: #24221e; color: #fbf9f4; font: normal .82rem/1.45 var(--sans); letter-spacing: 0;
  text-align: left; text-indent: 0; text-transform: none; font-variant: normal;
  padding: .5em .75em; border-radius: 4px; box-shadow: 0 4px 14px rgba(0, 0, 0, .2);
  pointer-events: none; }
.tips-off .ent[data-tip]::after { display: none !important; }

/* ---- notes ---- */
.notes { margin-top: 2.5rem; border-top: 1px solid var(--rule); padding-top: .5rem; font-size: 1rem; line-height: 1.55; }
.notes h2, .register h2 { font-family: var(--sans); font-size: .85rem; font-weight: 600; letter-spacing: .08em;
  text-transform: uppercase; color: var(--muted); margin: 1rem 0 .8rem; }
.notes-list { list-style: none; margin: 0; padding: 0; }
.notes-list > li { display: grid; grid-template-columns: 2rem 1fr; padding: .35rem .4rem .35rem 0;
  margin: 0 0 .3rem; border-radius: 3px; }
.notes-list > li:target { background: var(--target); }
.note-n { font-family: var(--sans); font-size: .85rem; color: var(--muted); padding-top: .12rem; text-align: right; padding-right: .6rem; }
.note-body p { margin: 0 0 .6em; }
.note-body p:last-child { margin-bottom: 0; }
.fn-back { font-family: var(--sans); text-decoration: none; margin-left: .3em; padding: 0 .2em; }
.fn-back:hover, .fn-back:focus-visible { text-decoration: underline; }
.fn-pop { position: absolute; z-index: 30; max-width: 28rem; background: #fffefb; color: var(--ink);
  border: 1px solid var(--rule); border-radius: 5px; box-shadow: 0 6px 20px rgba(0, 0, 0, .15);
  padding: .6rem .8rem; font-size: .92rem; line-height: 1.5; }
.fn-pop p { margin: 0 0 .5em; }
.fn-pop p:last-child { margin: 0; }
.fn-pop .ent::after { display: none; }

/* ---- index (register) ---- */
.register { font-size: .95rem; line-height: 1.45; }
.register h3 { font-family: var(--sans); font-size: .95rem; font-weight: 600; margin: 1.2rem 0 .4rem; }
.register ul { list-style: none; margin: 0; padding: 0; }
.reg-entry { margin: 0 0 .65rem; padding: .15rem .3rem; border-radius: 3px; }
.reg-entry:target { background: var(--target); }
.reg-name { font-weight: 600; }
.reg-name.ent-person { color: var(--person); } .reg-name.ent-place { color: var(--place); } .reg-name.ent-org { color: var(--org); }
.reg-desc, .reg-forms, .reg-id { color: var(--muted); }
.reg-desc { display: block; }
.reg-forms { font-style: italic; }
.reg-refs { display: block; font-family: var(--sans); font-size: .82rem; }
nav.register .reg-refs a { display: inline-block; min-width: 1.5rem; padding: .05rem .2rem; margin-right: .1rem; }
.legend { font-size: .85rem; color: var(--muted); margin: 0 0 .5rem; }
.legend .sample { text-decoration-line: underline; text-underline-offset: .2em; text-decoration-thickness: 1.5px; color: var(--ink); }
.legend .sample.cert-low { text-decoration-thickness: 2px; }
.legend .sample.neutral { color: var(--ink); text-decoration-color: var(--ink); }
.empty { color: var(--muted); font-style: italic; }

/* ---- batch index page ---- */
.index-page .layout { max-width: 72rem; padding-left: 1.5rem; display: block; }
.index-page .summary { color: var(--muted); margin: 0; }
.index-page .contents { font-family: var(--sans); font-size: .9rem; margin: 0 0 1.5rem; }
.index-page .contents a { margin-right: 1rem; }
.index-page h2 { font-family: var(--sans); font-size: .9rem; font-weight: 600; letter-spacing: .08em;
  text-transform: uppercase; color: var(--muted); margin: 2.2rem 0 .8rem; }
.doc-table { border-collapse: collapse; width: 100%; font-size: 1rem; }
.doc-table caption { text-align: left; color: var(--muted); font-size: .9rem; padding-bottom: .4rem; }
.doc-table th, .doc-table td { text-align: left; vertical-align: top; padding: .45rem .8rem .45rem 0;
  border-bottom: 1px solid var(--rule); }
.doc-table th { font-family: var(--sans); font-size: .8rem; letter-spacing: .06em; text-transform: uppercase;
  color: var(--muted); font-weight: 600; }
.doc-table td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
.registers { display: grid; grid-template-columns: repeat(auto-fit, minmax(17rem, 1fr)); column-gap: 3rem; }
.register-list { list-style: none; margin: 0; padding: 0; font-size: .95rem; line-height: 1.45; }
.register-list .reg-entry { padding-left: 0; }
.register-list .reg-refs { font-family: var(--serif); font-size: .9rem; }
.reg-in { display: block; }
.reg-about { color: var(--muted); }
.registers section { break-inside: avoid-column; }

.colophon { margin-top: 3rem; border-top: 1px solid var(--rule); padding-top: .8rem; font-family: var(--sans);
  font-size: .8rem; color: var(--muted); }

/* ---- narrow screens: no margin; page numbers inline ---- */
@media (max-width: 40rem) {
  body { font-size: 1.05rem; }
  .layout { padding: 1.25rem 1rem 2rem; }
  .document .pb-label { position: static; width: auto; margin: 0 .2em; line-height: inherit; }
  .doc-header h1 { font-size: 1.4rem; }
  /* the list of documents: a row a block (date, title, then from and to), so that a phone
     needs no sideways scrolling */
  .doc-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .doc-table, .doc-table caption, .doc-table tbody, .doc-table tr, .doc-table td { display: block; }
  .doc-table tr { padding: .55rem 0; border-bottom: 1px solid var(--rule); }
  .doc-table td { border: 0; padding: 0; }
  .doc-table td.date { font-family: var(--sans); font-size: .85rem; color: var(--muted); }
  .doc-table td.from, .doc-table td.to { display: inline; font-size: .95rem; color: var(--muted); }
  .doc-table td.from:not(:empty)::before { content: "From "; }
  .doc-table td.from:empty + td.to:not(:empty)::before { content: "To "; }
  .doc-table td.from:not(:empty) + td.to:not(:empty)::before { content: " to "; }
  .registers { grid-template-columns: minmax(0, 1fr); }
}
.doc-table td, .register-list { overflow-wrap: anywhere; }
@media (prefers-reduced-motion: no-preference) { html { scroll-behavior: smooth; } }

/* ---- print: notes printed, no tooltips, page numbers kept ---- */
@media print {
  @page { margin: 2cm 2cm 2cm 2.5cm; }
  html, body { background: #fff; color: #000; }
  body { font-size: 11pt; line-height: 1.45; }
  .layout { display: block; max-width: none; padding: 0 0 0 4.2rem; margin: 0; }
  .skip-link, .fn-pop, .fn-back, script { display: none !important; }
  .ent[data-tip]::after { display: none !important; content: none; }
  .ent { color: inherit; text-decoration: none; background: none; }
  a { color: inherit; text-decoration: none; }
  sup.fn-ref a { color: #000; }
  .document .pb-label { left: -4.2rem; width: 3.6rem; color: #333; }
  .notes { break-before: auto; font-size: 10pt; }
  nav.register { font-size: 9.5pt; }
  .legend { display: none; }
  .doc-header h1 { font-size: 17pt; }
  .notes-list > li, .reg-entry { break-inside: avoid; background: none !important; }
  nav.register { margin-top: 1.5rem; break-before: page; }
  nav.register .reg-refs { display: none; }
  :target { background: none !important; box-shadow: none !important; }
}
]]></xsl:text>
  </xsl:template>

  <!-- ====================================================================================== -->
  <!-- Script: enhancements only (footnote pop-ups; Escape hides tooltips)                    -->
  <!-- ====================================================================================== -->

  <xsl:template name="h:script">
    <script><xsl:text><![CDATA[
(function () {
  'use strict';
  var pop = null, current = null, root = document.documentElement;
  function noteFor(a) {
    var href = a.getAttribute('href') || '';
    if (href.charAt(0) !== '#') return null;
    var note = document.getElementById(decodeURIComponent(href.slice(1)));
    return note ? note.querySelector('.note-body') : null;
  }
  function hide() { if (pop) { pop.hidden = true; } current = null; }
  function show(a) {
    var body = noteFor(a);
    if (!body || current === a) return;
    if (!pop) {
      pop = document.createElement('div');
      pop.className = 'fn-pop';
      pop.id = 'fn-pop';
      pop.setAttribute('role', 'tooltip');
      document.body.appendChild(pop);
    }
    var copy = body.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll('[id]'), function (e) { e.removeAttribute('id'); });
    Array.prototype.forEach.call(copy.querySelectorAll('[tabindex]'), function (e) { e.removeAttribute('tabindex'); });
    Array.prototype.forEach.call(copy.querySelectorAll('.fn-back'), function (e) { e.parentNode.removeChild(e); });
    pop.textContent = '';
    pop.appendChild(copy);
    pop.hidden = false;
    current = a;
    var r = a.getBoundingClientRect();
    var vw = root.clientWidth;
    var w = Math.min(448, vw - 24);
    pop.style.width = w + 'px';
    var left = Math.max(12, Math.min(r.left + window.pageXOffset - 24, vw - w - 12 + window.pageXOffset));
    pop.style.left = left + 'px';
    pop.style.top = (r.bottom + window.pageYOffset + 8) + 'px';
  }
  function refOf(e) { return e.target && e.target.closest ? e.target.closest('sup.fn-ref a') : null; }
  document.addEventListener('mouseover', function (e) { var a = refOf(e); if (a) show(a); });
  document.addEventListener('mouseout', function (e) { if (refOf(e)) hide(); });
  document.addEventListener('focusin', function (e) {
    root.classList.remove('tips-off');
    var a = refOf(e); if (a) show(a); else hide();
  });
  document.addEventListener('click', hide);
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { hide(); root.classList.add('tips-off'); }
  });
  // The index: one tab stop per entry (its current mention link); the arrow keys, Home and End
  // move through the entry's mentions, and the entry remembers the last one.
  document.addEventListener('keydown', function (e) {
    var a = e.target && e.target.closest ? e.target.closest('.reg-refs a') : null;
    if (!a) return;
    var links = Array.prototype.slice.call(a.parentNode.querySelectorAll('a'));
    var i = links.indexOf(a), n = links.length, j;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') j = (i + 1) % n;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') j = (i + n - 1) % n;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = n - 1;
    else return;
    e.preventDefault();
    links.forEach(function (l, k) { if (k === j) l.removeAttribute('tabindex'); else l.setAttribute('tabindex', '-1'); });
    links[j].focus();
  });
  // A link to a mention or to an index entry moves the focus there too (both are focusable but
  // no tab stops), so that Tab goes on from it and a mention shows its description.
  function focusTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var t = id ? document.getElementById(id) : null;
    if (t && (t.classList.contains('ent') || t.classList.contains('reg-entry'))) t.focus({ preventScroll: true });
  }
  window.addEventListener('hashchange', focusTarget);
  if (location.hash) focusTarget();
  document.addEventListener('mousemove', function (e) {
    if (root.classList.contains('tips-off') && e.target.closest && !e.target.closest('.ent')) root.classList.remove('tips-off');
  });
})();
]]></xsl:text></script>
  </xsl:template>

</xsl:stylesheet>

import { createHash } from 'node:crypto';
import { AREAS } from '../../catalogue/checks.js';
import { SEVERITIES } from '../../core/scan-diff.js';
import { OUTCOME_ORDER } from '../scan-overview.js';

/**
 * The page's only style sheet and script, inline (the report is one file, opened from file: URLs
 * and mail attachments), and the Content-Security-Policy that admits exactly these two by hash
 * (CSP3 §8.3 hash-source): nothing else, inline or fetched, may run or load, so text from a
 * scanned server that slipped past escaping still could not run script or fetch anything.
 */

/** Filter dimensions: a row carries data-o, data-a, data-s; an unticked box puts hide-<dim>-<value> on <body>. */
export const FILTERS = {
  o: { label: 'Outcome', values: [...OUTCOME_ORDER, 'internal-error'] },
  a: { label: 'Area', values: AREAS },
  s: { label: 'Severity', values: [...SEVERITIES].reverse() },
} as const satisfies Record<string, { label: string; values: readonly string[] }>;
export type FilterKey = keyof typeof FILTERS;

const filterRules = Object.entries(FILTERS)
  .flatMap(([key, f]) => f.values.map((v) => `.hide-${key}-${v} [data-${key}="${v}"]`))
  .join(',');

export const STYLE = `
:root{color-scheme:light;--fail:#cf222e;--inconclusive:#9a6700;--waived:#0969da;--pass:#1a7f37;--na:#6e7781;--line:#d0d7de;--soft:#f6f8fa}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;padding:1.5em 2em;max-width:1200px;color:#1f2328;overflow-wrap:anywhere}
[id]{scroll-margin-top:6em}
h1{font-size:1.7em;margin:0 0 .3em}h2{font-size:1.3em;margin:1.6em 0 .5em;border-bottom:1px solid var(--line);padding-bottom:.2em}h3{font-size:1.05em;margin:.2em 0}
table{border-collapse:collapse;width:100%;table-layout:fixed}th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}td.n,th.n{text-align:right;width:7.5em}th.n{font-size:.85em}
.cases col.c{width:30%}.cases col.s{width:6em}.cases col.o{width:8.5em}
.errors col.t{width:14%}.errors col.c{width:24%}.errors col.s{width:6em}.errors col.o{width:8.5em}
.changes col.st{width:9em}.changes col.s{width:6em}
pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:12px;background:var(--soft);padding:6px 8px;margin:4px 0;max-height:40em;overflow-y:auto}
code{font-size:.92em;background:var(--soft);padding:0 .2em}
dl.cover{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1.2em;margin:.6em 0 1em}dl.cover dt{font-weight:600}dl.cover dd{margin:0;min-width:0}
.o{font-weight:600}.o-fail,.newfail{color:var(--fail)}.o-internal-error{color:var(--fail)}.o-inconclusive{color:var(--inconclusive)}.o-waived{color:var(--waived)}.o-pass{color:var(--pass)}.o-not-applicable{color:var(--na)}
.banner{border:1px solid;padding:8px 10px;margin:.5em 0}.warn{background:#fff8c5;border-color:#d4a72c}.stop{background:#ffebe9;border-color:var(--fail)}
.finding{border:1px solid var(--line);border-left:4px solid var(--fail);padding:.5em .8em;margin:.8em 0}
.finding,details.target{content-visibility:auto;contain-intrinsic-size:auto 3em}
.finding h3 .sev{text-transform:uppercase;font-size:.8em;margin-right:.5em}
.fix{font-size:13px;margin:.3em 0}.fix p{margin:.2em 0}
.hits{list-style:none;padding:0;margin:.4em 0}.hits>li{border-top:1px dotted var(--line);padding:.2em 0}
details>summary{cursor:pointer}
details.target{border:1px solid var(--line);margin:.5em 0;padding:.2em .6em}details.target>summary{font-weight:600;padding:.2em 0}
.counts{font-weight:400;font-size:.9em;margin-left:.6em}.counts span{margin-right:.6em}
.url{font-weight:400;color:var(--na);margin-left:.4em}
pre.obs::first-line{font-weight:700;font-size:13px}.meta{color:var(--na);font-size:.9em}p.ref{margin:.3em 0;font-size:13px}
.filters{position:sticky;top:0;background:#fff;border:1px solid var(--line);padding:.4em .8em;margin:1em 0;z-index:1}
.filters fieldset{display:inline-block;border:0;margin:0 1em 0 0;padding:0}.filters legend{font-weight:600;float:left;margin-right:.5em}.filters label{margin-right:.6em;white-space:nowrap}
${filterRules}{display:none}
@media print{
  body{max-width:none;padding:0;font-size:10pt}
  .filters,.noprint{display:none!important}
  details::details-content{content-visibility:visible;display:block}
  details>summary{list-style:none}details>summary::-webkit-details-marker{display:none}
  pre{max-height:none;overflow:visible;font-size:8pt}
  a{color:inherit;text-decoration:none}
  h2,h3,summary{break-after:avoid}
  tr,li,.fix,.banner,dl.cover{break-inside:avoid}
  thead{display:table-header-group}
  .finding,details.target{break-inside:auto}
  #failures,#targets{break-before:page}
}
`;

/**
 * Shows the filter bar (hidden without script, so a reader without JS simply sees every row),
 * turns its boxes into classes on <body> (so they govern rows put in place later too), unpacks
 * the folded sections of a large report (html/inert.ts) once after load and puts one in place
 * when it opens, opens the folded section a link points to (putting in place the body that holds
 * the anchor), and before printing puts every body in place and unfolds everything (the print
 * style sheet unfolds too where ::details-content exists; a switch to print media, as
 * emulateMedia makes, puts the bodies in place). <html data-unpacked> says the bodies are ready.
 */
export const SCRIPT = `
(function(){
  var bytes=null,starts=[],waiting=[],packed=document.getElementById('later'),utf8=new TextDecoder();
  function whenUnpacked(f){if(bytes)f();else waiting.push(f);}
  function body(n){return utf8.decode(bytes.subarray(starts[n],n+1<starts.length?starts[n+1]-1:bytes.length));}
  function place(p){whenUnpacked(function(){if(!p.isConnected)return;var t=document.createElement('template');t.innerHTML=body(+p.dataset.n);p.replaceWith(t.content);});}
  function fill(d){var p=d.querySelector(':scope>.later');if(p)place(p);}
  function placeAll(){document.querySelectorAll('.later').forEach(place);}
  async function unpack(){
    var b64=packed.content.textContent,gz;
    if(Uint8Array.fromBase64)gz=Uint8Array.fromBase64(b64);
    else{var bin=atob(b64);gz=new Uint8Array(bin.length);for(var i=0;i<bin.length;i++)gz[i]=bin.charCodeAt(i);}
    var reader=new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip')).getReader(),chunks=[],size=0;
    for(;;){var r=await reader.read();if(r.done)break;chunks.push(r.value);size+=r.value.length;}
    var all=new Uint8Array(size),at=0;chunks.forEach(function(c){all.set(c,at);at+=c.length;});
    for(var s=0;s>=0;s=all.indexOf(0,s)+1||-1)starts.push(s);
    bytes=all;packed.remove();document.documentElement.dataset.unpacked='';
    waiting.splice(0).forEach(function(f){f();});
  }
  if(packed)unpack().catch(unreadable);
  function unreadable(){document.querySelectorAll('.later').forEach(function(p){p.textContent='This browser could not unpack this section (it needs DecompressionStream); results.json holds it.';});}
  document.addEventListener('toggle',function(e){if(e.target.open)fill(e.target);},true);
  var bar=document.getElementById('filters');
  if(bar){
    bar.hidden=false;
    bar.addEventListener('change',function(e){var box=e.target;if(box&&box.dataset&&box.dataset.f)document.body.classList.toggle('hide-'+box.dataset.f+'-'+box.value,!box.checked);});
    bar.addEventListener('click',function(e){var b=e.target;if(!b||!b.dataset||!b.dataset.fold)return;var open=b.dataset.fold==='open';document.querySelectorAll('details.target').forEach(function(d){d.open=open;if(open)fill(d);});});
  }
  function reveal(){
    var id;try{id=decodeURIComponent(location.hash.slice(1));}catch(e){return;}
    if(!id)return;
    var el=document.getElementById(id);
    if(!el){
      var p=document.querySelector('.later[data-ids~="'+CSS.escape(id)+'"]');
      if(p){if(!bytes)return whenUnpacked(reveal);place(p);el=document.getElementById(id);}
    }
    for(var d=el;d;d=d.parentElement){if(d.tagName==='DETAILS'){d.open=true;fill(d);}}
    if(el)el.scrollIntoView();
  }
  addEventListener('hashchange',reveal);reveal();
  var folded=[];
  addEventListener('beforeprint',function(){placeAll();folded=Array.prototype.filter.call(document.querySelectorAll('details'),function(d){return !d.open;});folded.forEach(function(d){d.open=true;});});
  addEventListener('afterprint',function(){folded.forEach(function(d){d.open=false;});folded=[];});
  matchMedia('print').addEventListener('change',function(m){if(m.matches)placeAll();});
})();
`;

const hash = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

/** No source at all but this style sheet and script: no fetch, no image, no frame, no form, no <base>. */
export const CSP = `default-src 'none'; style-src ${hash(STYLE)}; script-src ${hash(SCRIPT)}; base-uri 'none'; form-action 'none'`;

namespace Planner.Reports.Html;

/// <summary>
/// The report's only style sheet, inlined so the file is self-contained: system fonts, no
/// images, a narrow single column on phones, and print rules for A4 (the appendix in landscape).
/// </summary>
internal static class HtmlStyles
{
    public const string Css = """
        :root { --ink: #1b1b1b; --muted: #5a5a5a; --line: #dcdcdc; --soft: #f3f6f9; --accent: #0072B2; --warn: #D55E00; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.5 "DejaVu Sans", system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; overflow-wrap: anywhere; }
        main { max-width: 1120px; margin: 0 auto; padding: 20px 16px 40px; }
        h1 { font-size: 1.75rem; line-height: 1.2; margin: .1rem 0 .5rem; }
        h2 { font-size: 1.35rem; margin: 2.2rem 0 .8rem; padding-bottom: .3rem; border-bottom: 2px solid var(--ink); }
        h3 { font-size: 1.05rem; margin: 1.6rem 0 .6rem; }
        p { margin: .5rem 0; }
        code { font-family: "DejaVu Sans Mono", ui-monospace, Menlo, Consolas, monospace; font-size: .85em; }
        .eyebrow { text-transform: uppercase; letter-spacing: .06em; font-size: .75rem; color: var(--muted); margin: 0; }
        .lede { font-size: 1.05rem; max-width: 60rem; }
        .meta { color: var(--muted); font-size: .85rem; }
        nav.toc { display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .9rem; margin-top: .8rem; }
        nav.toc a { color: var(--accent); }
        .callout { border-left: 5px solid var(--accent); background: var(--soft); padding: .8rem 1rem; border-radius: 0 6px 6px 0; }
        .callout .label { margin: 0; font-size: .75rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
        .callout .choice { margin: .1rem 0 .4rem; font-size: 1.4rem; font-weight: bold; }
        dl.terms { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; max-width: 60rem; }
        dl.terms dt { font-weight: bold; }
        dl.terms dd { margin: 0; }
        .kpis { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 10px; margin: 1rem 0; }
        @media (min-width: 760px) { .kpis { grid-template-columns: repeat(3, minmax(0, 1fr)); } }
        .kpi { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; min-width: 0; }
        .kpi p { margin: 0; }
        .kpi .k-label { font-size: .78rem; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
        .kpi .k-value { font-size: 1.3rem; font-weight: bold; line-height: 1.3; }
        .kpi .k-note { font-size: .8rem; color: var(--muted); }
        ul.risks { padding-left: 1.2rem; }
        ul.risks li { margin: .3rem 0; }
        .table-wrap { overflow-x: auto; max-width: 100%; margin: .5rem 0 1rem; -webkit-overflow-scrolling: touch; }
        table { border-collapse: collapse; font-size: .85rem; overflow-wrap: normal; }
        th, td { padding: .3rem .6rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; white-space: nowrap; }
        thead th { border-bottom: 2px solid var(--ink); font-weight: bold; vertical-align: bottom; white-space: normal; min-width: 4.5rem; }
        thead th:first-child { min-width: 0; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        td.wrap { white-space: normal; min-width: 14rem; overflow-wrap: anywhere; }
        tr.recommended td { background: var(--soft); }
        .tag { display: inline-block; font-size: .7rem; padding: 0 .4rem; border-radius: 3px; border: 1px solid var(--muted); color: var(--muted); margin-left: .3rem; vertical-align: middle; }
        .tag.rec { border-color: var(--accent); color: #fff; background: var(--accent); }
        .stale, .miss { color: #8a3300; font-weight: bold; }
        .figures { display: grid; grid-template-columns: 1fr; gap: 24px; }
        @media (min-width: 1000px) { .figures { grid-template-columns: 1fr 1fr; } }
        figure { margin: 0; min-width: 0; }
        figure svg { display: block; width: 100%; height: auto; }
        figcaption { font-size: .85rem; color: var(--muted); margin-top: .3rem; }
        @page { size: A4; margin: 13mm 12mm; }
        @page wide { size: A4 landscape; margin: 10mm; }
        @media print {
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          body { font-size: 9pt; line-height: 1.4; }
          .lede { font-size: 9.5pt; }
          .callout { padding: .5rem .8rem; }
          .kpi { padding: .35rem .6rem; }
          ul.risks li { margin: .15rem 0; }
          main { max-width: none; padding: 0; }
          nav.toc { display: none; }
          h1 { font-size: 17pt; }
          h2 { font-size: 13pt; margin-top: 0; }
          h3 { font-size: 10.5pt; margin: .8rem 0 .4rem; break-after: avoid; }
          #charts, #assumptions, #appendix { break-before: page; }
          #appendix { page: wide; }
          .kpis { grid-template-columns: repeat(3, 1fr); margin: .6rem 0; }
          .kpi .k-value { font-size: 12pt; }
          .table-wrap { overflow: visible; }
          table { font-size: 7.5pt; }
          th, td { padding: .15rem .35rem; }
          tr, figure, .kpi, .callout, li { break-inside: avoid; }
          thead { display: table-header-group; }
          .figures { display: block; }
          figure { width: 140mm; margin: 0 auto 4mm; }
          #appendix h3 { break-before: auto; }
          #appendix .option-table { break-inside: avoid; }
        }
        """;
}

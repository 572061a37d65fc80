namespace ImAudit.Engine.Reports.Html;

/// <summary>
/// The pages' one stylesheet. Nothing may make the page wider than the window: tables have fixed layouts and long
/// values (ARNs) wrap anywhere; only the access matrix is wider, and it scrolls inside its frame.
/// </summary>
internal static class HtmlStyle
{
    public const string Css = """
        *{box-sizing:border-box}body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;padding:1.5em 2em;max-width:1800px;color:#1d2330}h1{font-size:1.5em;margin-top:0}h2{margin-top:2em;font-size:1.2em}h3{font-size:1em;margin:.2em 0}
        code{font:12px ui-monospace,monospace;overflow-wrap:anywhere;background:#f3f5f9;padding:0 .2em;border-radius:3px}.meta{color:#5b6475}.bad{color:#b3261e}a{color:#1f5fae}
        nav{display:flex;flex-wrap:wrap;gap:1em;margin:.5em 0 1em}.counts{display:flex;flex-wrap:wrap;gap:.6em}
        .count{padding:.5em 1em;border-radius:6px;text-align:center;text-decoration:none;min-width:6em}.count b{display:block;font-size:1.4em}
        .sev{padding:0 .4em;border-radius:4px;font-size:12px;color:#fff}.critical{background:#7a0b0b;color:#fff}.high{background:#c0392b;color:#fff}
        .medium{background:#d68910;color:#fff}.low{background:#2e86c1;color:#fff}.info{background:#7f8c8d;color:#fff}
        .tag{font-size:11px;padding:0 .4em;border-radius:4px;border:1px solid}.tag.new{color:#b3261e}.tag.resolved{color:#1e8449}
        table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e3e6ec;padding:.3em .5em;text-align:left;vertical-align:top;overflow-wrap:anywhere}
        table.findings,table.plain{table-layout:fixed}.c-sev{width:8.5em}.c-rule{width:5.5em}.c-res{width:24%}.c-where{width:24%}
        tr.group th{background:#eef1f6;font-weight:600;border-top:2px solid #c9d0dc}tr.group th .meta{font-weight:400}
        thead th[data-key]{cursor:pointer;user-select:none}thead th[data-key]:after{content:" ⇅";color:#9aa3b2}
        .filters{display:flex;flex-wrap:wrap;gap:.5em;align-items:center}.filters input{width:22em;max-width:100%;padding:.3em}
        .scroll{overflow:auto;max-height:75vh;max-width:100%;border:1px solid #e3e6ec}
        .matrix{width:auto}.matrix th,.matrix td{overflow-wrap:normal;background:#fff}.matrix thead th{position:sticky;top:0;z-index:1}
        .matrix tbody th,.matrix thead th.corner{position:sticky;left:0;z-index:2;min-width:16em;max-width:24em;overflow-wrap:anywhere}.matrix thead th.corner{z-index:3}
        .matrix th.action{height:11em;white-space:nowrap;vertical-align:bottom;padding:.3em .2em}.matrix th.action span{writing-mode:vertical-rl;transform:rotate(180deg);font:11px ui-monospace,monospace}
        .matrix td.cell{text-align:center}.held{color:#2e86c1}.excess{color:#fff;background:#c0392b}.matrix td.excess{background:#c0392b}.cond{color:#d68910}
        .rules{display:grid;grid-template-columns:repeat(auto-fill,minmax(28em,1fr));gap:.8em}.rule{border:1px solid #e3e6ec;border-radius:6px;padding:.6em .9em}.rule:target{outline:2px solid #1f5fae}.rule p{margin:.3em 0}
        .chart{width:100%;height:auto;max-width:960px;display:block}.chart .axis{stroke:#9aa3b2}.chart text{font:12px system-ui,sans-serif;fill:#1d2330}.chart .tick{fill:#5b6475;font-size:11px}
        .chart rect.critical{fill:#7a0b0b}.chart rect.high{fill:#c0392b}.chart rect.medium{fill:#d68910}.chart rect.low{fill:#2e86c1}.chart rect.info{fill:#7f8c8d}
        .edge{fill:none;stroke-opacity:.45}.edge.plan{stroke:#d68910}.edge.contact{stroke:#2e86c1}.edge.more{stroke:#9aa3b2}
        .node circle{fill:#1d2330}.node.plan circle{fill:#d68910}.node.contact circle{fill:#2e86c1}.node.more circle{fill:#9aa3b2}
        """;
}

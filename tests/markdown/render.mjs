// Renders the Markdown file named by the argument to HTML on stdout, as a permissive renderer would: raw HTML
// passed through, bare URLs linked. ImAudit's report.md must stay inert even here.
import { readFileSync } from "node:fs";
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: true, linkify: true });
process.stdout.write(md.render(readFileSync(process.argv[2], "utf8")));

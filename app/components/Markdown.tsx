/**
 * Shows user-written content as HTML. `html` MUST come from renderMarkdown()
 * (app/lib/markdown.server.ts), which sanitises it on the server; never pass anything else.
 * This is the only dangerouslySetInnerHTML in the app: nothing else may produce HTML.
 */
export function Markdown({ html, className }: { html: string; className?: string }) {
  return <div className={className ? `markdown ${className}` : "markdown"} dangerouslySetInnerHTML={{ __html: html }} />;
}

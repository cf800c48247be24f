/** The op list's place in docs/onnx-engine.md: between an `op-list` comment and its closing one. */
const OPEN = /<!-- op-list:[^>]*-->\n/;
const CLOSE = '<!-- /op-list -->';

/** The list as the docs hold it now (undefined when the markers are missing). */
export function currentOpList(markdown: string): string | undefined {
  const open = OPEN.exec(markdown);
  const close = markdown.indexOf(CLOSE);
  if (!open || close < 0) return undefined;
  return markdown.slice(open.index + open[0].length, close).trim();
}

export function replaceOpList(markdown: string, list: string): string {
  const open = OPEN.exec(markdown);
  const close = markdown.indexOf(CLOSE);
  if (!open || close < 0) throw new Error('docs/onnx-engine.md has no <!-- op-list: ... --> ... <!-- /op-list --> block');
  return markdown.slice(0, open.index + open[0].length) + list + '\n' + markdown.slice(close);
}

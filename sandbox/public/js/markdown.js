// One markdown-it instance for the whole page. Raw HTML stays text (html: false), so message data cannot inject markup.
const md = window.markdownit({ html: false, linkify: false, breaks: true });

// Links open in a new tab without giving it a handle on this page.
const defaultLinkOpen = md.renderer.rules.link_open || ((tokens, idx, options, env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('target', '_blank');
  tokens[idx].attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function markdownToHtml(text) {
  return md.render(String(text ?? ''));
}

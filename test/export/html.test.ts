import { describe, expect, it } from 'vitest';
import { cssString, escapeHtml, html, text } from '../../src/main/core/export/html';
import { documentHtml, DOCUMENT_CSP } from '../../src/main/core/export/page';

const ctx = {
  locale: 'pt-BR' as const,
  store: { name: 'Loja "X" </style><script>', timeZone: 'America/Sao_Paulo' },
  generatedAt: new Date('2025-01-02T03:04:05Z'),
};

describe('document HTML', () => {
  it('escapes every interpolated value and keeps Html as it is', () => {
    const name = '<script>alert(1)</script> & Cia "Ltda" \'x\'';
    expect(html`<td>${name}</td>`.text).toBe(
      '<td>&lt;script&gt;alert(1)&lt;/script&gt; &amp; Cia &quot;Ltda&quot; &#39;x&#39;</td>',
    );
    expect(html`<p>${html`<b>${'<i>'}</b>`}</p>`.text).toBe('<p><b>&lt;i&gt;</b></p>');
    expect(html`${['<a>', 1, null, false, undefined]}`.text).toBe('&lt;a&gt;1');
  });

  it('drops control characters but keeps tabs, line breaks and bidi overrides, each value isolated in <bdi>', () => {
    expect(escapeHtml('a\u0000b\u0007c\td\ne\u202Ef')).toBe('abc\td\ne\u202Ef');
    expect(text('\u202Eabc').text).toBe('<bdi>\u202Eabc</bdi>');
    expect(text(null).text).toBe('');
  });

  it('writes CSS strings that no quote or </style> can end', () => {
    const css = cssString('a "b" </style> ç');
    expect(css).not.toMatch(/<|"b"/);
    expect(css.startsWith('"') && css.endsWith('"')).toBe(true);
    expect(css).toContain('\\22 b\\22 ');
  });

  it('is self-contained: the CSP allows nothing remote, the font is inline, there is no script', () => {
    const doc = documentHtml({ title: 'Título <x>', ctx, body: html`<p>${'<img src=http://evil.example/x.png>'}</p>` });
    expect(doc).toContain(`content="${DOCUMENT_CSP}"`);
    expect(DOCUMENT_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:");
    expect(doc).toContain('src:url(data:font/woff2;base64,');
    expect(doc).not.toMatch(/<script|https?:\/\/(?!evil)/i);
    expect(doc).toContain('&lt;img src=http://evil.example/x.png&gt;');
    expect(doc).not.toContain('</style><script>');
    expect(doc).toMatch(/@bottom-right \{ content: "P\\e1 gina " counter\(page\) " de " counter\(pages\);/);
    expect(doc).toContain('@page { size: A4;');
  });
});

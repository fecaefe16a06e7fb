import type { OrderDetail } from '../../../../shared/domain/order';
import { formatCep, formatTaxId } from '../../../../shared/format';
import { lineTotal, money, orderNumber, t, when, type DocumentContext } from '../doc-format';
import { html, text, type Html } from '../html';
import type { SenderData } from '../source';

/**
 * The Correios content declaration, sized to half an A4 page so two fit on one
 * sheet to be cut apart; a long item list makes one declaration taller and it
 * then takes its own page.
 */
export const DECLARATION_CSS = `
.decl { break-inside: avoid; box-sizing: border-box; min-height: 128mm; font-size: 7.6pt; padding-bottom: 3mm; margin-bottom: 3mm; border-bottom: 0.3mm dashed #777; }
.decl:last-child { border-bottom: none; }
.decl h1 { font-size: 12pt; text-align: center; text-transform: uppercase; margin-bottom: 1.5mm; }
.decl h1 small { font-size: 7.5pt; font-weight: 400; text-transform: none; float: right; margin-top: 1mm; }
.decl .frame { border: 0.35mm solid #1b1b1b; }
.decl .title { background: #1b1b1b; color: #fff; font-weight: 700; text-transform: uppercase; font-size: 7.5pt; padding: 0.6mm 1.5mm; }
.decl .party { display: grid; grid-template-columns: 1fr 1fr; }
.decl .party > div + div { border-left: 0.35mm solid #1b1b1b; }
.decl .line { display: flex; border-top: 0.2mm solid #999; min-height: 4.6mm; }
.decl .line > span { padding: 0.4mm 1.5mm; overflow-wrap: anywhere; min-width: 0; }
.decl .line > span + span { border-left: 0.2mm solid #999; }
.decl .line .grow { flex: 1; }
.decl .lbl { color: #555; font-size: 6.5pt; margin-right: 1mm; }
.decl table th { background: #fff; font-size: 6.8pt; text-transform: uppercase; border-bottom: 0.3mm solid #1b1b1b; padding: 0.6mm 1.5mm; }
.decl table td { padding: 0.5mm 1.5mm; }
.decl table tfoot td { border-top: 0.35mm solid #1b1b1b; }
.decl .legal { padding: 1mm 1.5mm; text-align: justify; font-size: 6.8pt; line-height: 1.3; }
.decl .sign { display: grid; grid-template-columns: 1fr 1fr; gap: 8mm; padding: 3mm 1.5mm 1mm; align-items: end; }
.decl .sign .rule { border-top: 0.3mm solid #1b1b1b; text-align: center; padding-top: 0.5mm; font-size: 6.8pt; }
.decl .obs { font-size: 6.5pt; margin-top: 1mm; }
`;

interface Party {
  name: string | null;
  address: string;
  city: string | null;
  uf: string | null;
  cep: string | null;
  taxId: string | null;
}

function partyBlock(ctx: DocumentContext, title: string, party: Party): Html {
  const field = (label: string, value: string | null, grow = false) =>
    html`<span class="${grow ? 'grow' : ''}"><span class="lbl">${label}</span>${text(value)}</span>`;
  return html`<div>
    <div class="title">${title}</div>
    <div class="line">${field(t(ctx, 'declaration.name'), party.name, true)}</div>
    <div class="line">${field(t(ctx, 'declaration.address'), party.address, true)}</div>
    <div class="line">
      ${field(t(ctx, 'declaration.city'), party.city, true)}${field(t(ctx, 'declaration.uf'), party.uf)}
    </div>
    <div class="line">
      ${field(t(ctx, 'declaration.cep'), party.cep ? formatCep(party.cep) : '', true)}${field(t(ctx, 'declaration.taxId'), formatTaxId(party.taxId))}
    </div>
  </div>`;
}

function streetLine(parts: (string | null | undefined)[]): string {
  return parts.filter((p) => p && p.trim()).join(', ');
}

export function declarationBody(ctx: DocumentContext, detail: OrderDetail, sender: SenderData): Html {
  const o = detail.order;
  const a = o.shippingAddress;
  const recipient: Party = {
    name: a?.receiver ?? o.customer?.name ?? null,
    address: a ? streetLine([a.street, a.number, a.complement, a.neighborhood]) || (a.fullAddress ?? '') : '',
    city: a?.city ?? null,
    uf: a?.uf ?? null,
    cep: a?.zipcode ?? null,
    taxId: o.customer?.taxId ?? null,
  };
  const from: Party = {
    name: sender.name,
    address: streetLine([sender.street, sender.number, sender.complement, sender.neighborhood]),
    city: sender.city,
    uf: sender.uf,
    cep: sender.zipcode,
    taxId: sender.taxId,
  };
  let units = 0;
  let valueCents = 0;
  let valueKnown = true;
  const rows = o.items.map((item, index) => {
    units += item.quantity;
    const total = lineTotal(item.quantity, item.unitPriceCents);
    if (total === null) valueKnown = false;
    else valueCents += total;
    return html`<tr>
      <td class="num">${index + 1}</td>
      <td>${text(item.name ?? item.sku ?? t(ctx, 'order.unnamedItem'))}</td>
      <td class="num">${item.quantity}</td>
      <td class="num">${money(ctx, total)}</td>
    </tr>`;
  });
  const place = sender.city
    ? t(ctx, 'declaration.placeDate', {
        place: sender.city,
        date: when(ctx, { utc: ctx.generatedAt.toISOString(), zone: ctx.store.timeZone }, 'date'),
      })
    : t(ctx, 'declaration.placeBlank');
  return html`<section class="decl">
    <h1>${t(ctx, 'declaration.title')} <small>${t(ctx, 'declaration.order', { number: orderNumber(o) })}</small></h1>
    <div class="frame">
      <div class="party">
        ${partyBlock(ctx, t(ctx, 'declaration.sender'), from)}${partyBlock(ctx, t(ctx, 'declaration.recipient'), recipient)}
      </div>
      <div class="title">${t(ctx, 'declaration.goods')}</div>
      <table>
        <thead>
          <tr>
            <th class="num" style="width:9mm">${t(ctx, 'declaration.item')}</th>
            <th>${t(ctx, 'declaration.content')}</th>
            <th class="num" style="width:14mm">${t(ctx, 'declaration.quantity')}</th>
            <th class="num" style="width:26mm">${t(ctx, 'declaration.value')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
        <tfoot>
          <tr>
            <td></td>
            <td>${t(ctx, 'declaration.totals')}</td>
            <td class="num">${units}</td>
            <td class="num">${valueKnown ? money(ctx, valueCents) : ''}</td>
          </tr>
          <tr>
            <td></td>
            <td colspan="3">${t(ctx, 'declaration.weight')}: ____________</td>
          </tr>
        </tfoot>
      </table>
      <div class="title">${t(ctx, 'declaration.statement')}</div>
      <div class="legal">${t(ctx, 'declaration.legal')}</div>
      <div class="sign">
        <div>${place}</div>
        <div class="rule">${t(ctx, 'declaration.signature')}</div>
      </div>
    </div>
    <p class="obs">${t(ctx, 'declaration.note')}</p>
  </section>`;
}

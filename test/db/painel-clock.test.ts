import { describe, expect, it } from 'vitest';
import { localClock, offsetSpans } from '../../src/main/core/db/painel/local-clock';

const at = (iso: string) => Date.parse(iso);

describe('the Painel clock', () => {
  it('cuts a period where the zone changes its offset, to the minute', () => {
    // São Paulo's DST began at 2018-11-04 00:00 local (03:00 UTC) and ended at 2019-02-17 00:00 local (02:00 UTC).
    expect(offsetSpans('America/Sao_Paulo', at('2018-10-28T03:00:00Z'), at('2019-03-01T03:00:00Z'))).toEqual([
      { fromMs: at('2018-10-28T03:00:00Z'), toMs: at('2018-11-04T03:00:00Z'), offset: -180 },
      { fromMs: at('2018-11-04T03:00:00Z'), toMs: at('2019-02-17T02:00:00Z'), offset: -120 },
      { fromMs: at('2019-02-17T02:00:00Z'), toMs: at('2019-03-01T03:00:00Z'), offset: -180 },
    ]);
    expect(offsetSpans('Asia/Kolkata', at('2018-01-01T00:00:00Z'), at('2019-01-01T00:00:00Z'))).toEqual([
      { fromMs: at('2018-01-01T00:00:00Z'), toMs: at('2019-01-01T00:00:00Z'), offset: 330 },
    ]);
  });

  it('places an instant on its local day, hour and weekday', () => {
    const kolkata = localClock('Asia/Kolkata');
    // 18:29 UTC is 23:59 of Sunday the 4th in Kolkata, 18:30 is midnight of Monday the 5th.
    expect(kolkata(at('2018-11-04T18:29:00Z'))).toEqual({ day: '2018-11-04', hour: 23, weekday: 6 });
    expect(kolkata(at('2018-11-04T18:30:00Z'))).toEqual({ day: '2018-11-05', hour: 0, weekday: 0 });
    const saoPaulo = localClock('America/Sao_Paulo');
    // The day DST began has no midnight: 03:00 UTC is 01:00.
    expect(saoPaulo(at('2018-11-04T02:59:00Z'))).toEqual({ day: '2018-11-03', hour: 23, weekday: 5 });
    expect(saoPaulo(at('2018-11-04T03:00:00Z'))).toEqual({ day: '2018-11-04', hour: 1, weekday: 6 });
  });
});

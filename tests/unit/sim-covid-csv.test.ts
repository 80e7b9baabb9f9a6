import { describe, expect, it } from 'vitest';
import { CovidReport } from '../../protocol';
import { parseCovidCsv } from '../../sources/covid-csv';

const opts = { source: 'csv-import' };

describe('parseCovidCsv', () => {
  it('reads province rows without an area column', () => {
    const { events, rejected } = parseCovidCsv('date,new_cases\n2021-07-01,120\n2021-07-02,150\n', opts);
    expect(rejected).toEqual([]);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      id: expect.stringMatching(/^covid:80:2021-07-01:r1-[0-9a-f]{8}$/),
      source: 'csv-import',
      area: '80',
      stream: 'covid',
      date: '2021-07-01',
      newCases: 120,
      recovered: 0,
      deaths: 0,
      vaccineDoses: 0,
      tsMs: Date.parse('2021-07-01T17:00:00+07:00'),
    });
    expect(events.every((e) => CovidReport.safeParse(e).success)).toBe(true);
  });

  it('checks cumulative counts per area, in any column order, with CRLF and blank lines', () => {
    const text = [
      'area,date,cumulative_cases,new_cases',
      '802,2021-07-01,100,100',
      '807,2021-07-01,50,50',
      '',
      '802,2021-07-02,130,30',
      '807,2021-07-02,60,10',
    ].join('\r\n');
    const { events, rejected } = parseCovidCsv(text, opts);
    expect(rejected).toEqual([]);
    expect(events.map((e) => e.id.split(':').slice(0, 3).join(':'))).toEqual([
      'covid:802:2021-07-01',
      'covid:807:2021-07-01',
      'covid:802:2021-07-02',
      'covid:807:2021-07-02',
    ]);
  });

  it('rejects bad rows with their line number and a reason, keeping the good ones', () => {
    const text = [
      'date,new_cases,cumulative_cases,area',
      '2021-08-01,10,10,794', // 2 ok
      '2021-08-02,5,99,794', // 3 cumulative mismatch
      '2021-08-02,5,15,794', // 4 ok (running sum of accepted rows)
      '2021-02-30,1,,794', // 5 not a date
      '2021-08-03,-4,,794', // 6 negative
      '2021-08-03,abc,,794', // 7 not a number
      '2021-08-03,1,,999', // 8 unknown area
      '2021-08-01,1,,794', // 9 out of order
      '2021-08-03,1', // 10 missing fields
      '2021-08-03,2,17,794', // 11 ok
      '2021-08-03,2,,794', // 12 duplicate
      '1999-01-01,1,,795', // 13 before the earliest event time the protocol accepts
    ].join('\n');
    const { events, rejected } = parseCovidCsv(text, opts);
    expect(events.map((e) => `${e.date}:${e.newCases}`)).toEqual([
      '2021-08-01:10',
      '2021-08-02:5',
      '2021-08-03:2',
    ]);
    expect(rejected.map((r) => r.line)).toEqual([3, 5, 6, 7, 8, 9, 10, 12, 13]);
    const reason = (line: number) => rejected.find((r) => r.line === line)!.reason;
    expect(reason(3)).toMatch(/running sum 15/);
    expect(reason(5)).toMatch(/calendar date/);
    expect(reason(6)).toMatch(/negative: correct a day by re-sending it with a higher revision/);
    expect(reason(7)).toMatch(/non-negative integer/);
    expect(reason(8)).toMatch(/unknown area/);
    expect(reason(9)).toMatch(/date order/);
    expect(reason(10)).toMatch(/expected 4 fields/);
    expect(reason(12)).toMatch(/duplicate/);
    expect(reason(13)).toMatch(/tsMs/);
  });

  it('requires a header with date and new_cases', () => {
    expect(parseCovidCsv('2021-08-01,10\n', opts).rejected[0]).toEqual({
      line: 1,
      reason: expect.stringMatching(/unknown column/),
    });
    expect(parseCovidCsv('date,cases\n', opts).rejected[0]!.reason).toMatch(/unknown column "cases"/);
    expect(parseCovidCsv('date,area\n', opts).rejected[0]!.reason).toMatch(/date and new_cases/);
    expect(parseCovidCsv('', opts).rejected[0]!.reason).toMatch(/header/);
  });

  it('reads quoted fields, a BOM, semicolons, Vietnamese headers and dates, with the line of each row', () => {
    const text = [
      '\uFEFF"Ngày";"Số ca mới";"Mã địa bàn"',
      '01/07/2021;"1.892";802',
      '',
      '"2021-07-02";"12";"80"',
      '2021-07-03;-3;80',
      '2021-07-04;5;"8',
      '02"',
      '2021-07-05;6;80',
    ].join('\r\n');
    const { events, lines, rejected } = parseCovidCsv(text, opts);
    expect(events.map((e) => [e.area, e.date, e.newCases])).toEqual([
      ['802', '2021-07-01', 1892],
      ['80', '2021-07-02', 12],
      ['80', '2021-07-05', 6],
    ]);
    expect(lines).toEqual([2, 4, 8]);
    expect(rejected.map((r) => r.line)).toEqual([5, 6]);
    const commas = parseCovidCsv('date,new_cases,area\n"2021-07-01","7","802"\n', opts);
    expect(commas.events.map((e) => e.newCases)).toEqual([7]);
  });

  it('gives a corrected row a new id and its revision, the same row the same id', () => {
    const first = parseCovidCsv('date,new_cases\n2021-07-01,120\n', opts).events[0]!;
    const corrected = parseCovidCsv('date,new_cases\n2021-07-01,125\n', opts).events[0]!;
    expect(corrected.id).not.toBe(first.id);
    const revised = parseCovidCsv('date,new_cases,revision\n2021-07-01,125,2\n', opts);
    expect(revised.events[0]).toMatchObject({ revision: 2, newCases: 125 });
    expect(parseCovidCsv('date,new_cases,revision\n2021-07-01,125,0\n', opts).rejected[0]!.reason).toMatch(
      /revision/,
    );
  });

  it('is idempotent: the same file gives the same ids and events', () => {
    const text = 'date,new_cases,area\n2021-08-01,300,802\n2021-08-02,310,802\n';
    expect(parseCovidCsv(text, opts)).toEqual(parseCovidCsv(text, opts));
  });

  it('computes the epidemic level from the 7-day incidence per 100k, as the simulator does', () => {
    // Tân An (~145,000 people): 35 cases a day pass 150 per 100k on the seventh day.
    const rows = ['date,new_cases,area'];
    for (let d = 1; d <= 10; d++) rows.push(`2021-08-${String(d).padStart(2, '0')},35,794`);
    rows.push('2021-08-25,0,794');
    const { events } = parseCovidCsv(rows.join('\n'), opts);
    expect(events.map((e) => e.epidemicLevel)).toEqual([2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 1]);
  });
});

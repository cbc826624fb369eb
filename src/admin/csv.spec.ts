import { namesFromCsv, parseCsv } from './csv';

describe('namesFromCsv', () => {
  it('takes the user-name column by its header, whatever its position', () => {
    const csv =
      'Full name,Username,Cohort\r\n"Ana, M.",ana,2026\r\nBen,ben,2026\r\n';
    expect(namesFromCsv(csv)).toEqual({
      names: ['ana', 'ben'],
      column: 'Username'
    });
  });

  it('reads Spanish headers, semicolons and a byte-order mark', () => {
    const csv = '\uFEFFnombre;usuario\nAna;ana\nCleo;cleo\n';
    expect(namesFromCsv(csv).names).toEqual(['ana', 'cleo']);
  });

  it('takes the first column when no header is recognised, skipping blank lines', () => {
    expect(namesFromCsv('ana,x\n\nben,y\n  \ncleo')).toEqual({
      names: ['ana', 'ben', 'cleo'],
      column: null
    });
  });

  it('keeps quoted quotes and new lines inside a cell', () => {
    expect(parseCsv('"a ""b""","c\nd"\ne,f')).toEqual([
      ['a "b"', 'c\nd'],
      ['e', 'f']
    ]);
  });
});

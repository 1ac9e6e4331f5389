import { describe, expect, it } from 'vitest';
import { utf8Text } from '../../src/cli/files';
import { readRecord } from '../../src/cli/input';
import { inputFiles } from './harness';

describe('the text of a file: ASCII copied, anything else decoded as UTF-8', () => {
  it.each([
    ['ASCII', Buffer.from('{"resourceType":"Patient","id":"p"}')],
    ['Latin-1 letters, two bytes each in UTF-8', Buffer.from('Zoë Müller, Straße')],
    ['beyond Latin-1', Buffer.from('腰椎 🦴 L1')],
    ['bytes that are not UTF-8', Buffer.from([0x41, 0xe9, 0x42, 0xff, 0xc3])],
    ['empty', Buffer.alloc(0)],
  ])('%s: the same string as a UTF-8 decoding', (_what, bytes) => {
    expect(utf8Text(bytes)).toBe(bytes.toString('utf8'));
  });

  it('a Bundle file with names beyond ASCII is read as written', () => {
    const { write } = inputFiles('assess-utf8-');
    const file = write('p.json', {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: { resourceType: 'Patient', id: 'p', name: [{ family: 'Müller', given: ['Zoë'] }] } }],
    });
    expect(readRecord(file).record.patient?.name?.[0]).toEqual({ family: 'Müller', given: ['Zoë'] });
  });
});

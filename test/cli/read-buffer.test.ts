import { describe, expect, it } from 'vitest';
import { readRegularFile, ReadBuffer } from '../../src/cli/files';
import { readRecord } from '../../src/cli/input';
import { inputFiles } from './harness';

/** one buffer for the files of a batch (src/cli/files.ts): each read gives that file's bytes, no more */
describe('files read one after the other into one buffer', () => {
  const { write } = inputFiles('assess-read-buffer-');
  const contents = ['a'.repeat(10_000), 'bc', '', 'd'.repeat(50_000), 'é'.repeat(300)];
  const files = contents.map((content, i) => write(`${i}.txt`, content));

  it('gives each file’s bytes exactly, after larger and smaller ones', () => {
    const buffer = new ReadBuffer();
    files.forEach((file, i) => {
      expect(readRegularFile(file, 'file', 1_000_000, buffer).equals(Buffer.from(contents[i]!))).toBe(true);
    });
  });

  it('reads a Bundle after a larger one as it reads it alone', () => {
    const buffer = new ReadBuffer();
    const patient = (id: string, padding: string) =>
      write(`${id}.json`, {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [{ resource: { resourceType: 'Patient', id, name: [{ text: padding }] } }],
      });
    const large = patient('large', 'x'.repeat(100_000));
    const small = patient('small', 'Zoë');
    expect(readRecord(large, buffer).record.patient?.id).toBe('large');
    expect(readRecord(small, buffer)).toEqual(readRecord(small));
  });
});

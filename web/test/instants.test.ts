// SPEC §1 "Instants, exactly": stored instants are read as RFC 3339 and only their canonical value (whole seconds,
// UTC) is hashed and compared. RC-1 is a real proof made with the real clock before 2026-12-04: its announcement time
// has nanoseconds while its reveals are whole seconds.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { toHex, Writer } from '../src/bytes.ts';
import { canonicalInstant, encodeAnnouncement, parseInstant } from '../src/draw.ts';
import { announcementFields, loadProof, verifyLight } from '../src/verify.ts';

const RC1 = readFileSync(join(import.meta.dirname, '..', 'test', 'fixtures', 'rc-1-fractional-instant.json'));

test('instants: RFC 3339 forms to the canonical value', () => {
  assert.equal(canonicalInstant('2026-12-04T16:26:14.324130066Z'), '2026-12-04T16:26:14Z');
  assert.equal(canonicalInstant('2026-12-04T16:26:14Z'), '2026-12-04T16:26:14Z');
  assert.equal(canonicalInstant('2026-12-05T00:26:14.999999999+08:00'), '2026-12-04T16:26:14Z');
  assert.equal(canonicalInstant('2026-12-04T10:56:14.5-05:30'), '2026-12-04T16:26:14Z');
  assert.equal(canonicalInstant('2027-01-01T07:59:59+08:00'), '2026-12-31T23:59:59Z');
  assert.equal(canonicalInstant('2024-02-29T00:00:00Z'), '2024-02-29T00:00:00Z');
  assert.equal(canonicalInstant('0001-01-01T00:00:00Z'), '0001-01-01T00:00:00Z');
  assert.equal(parseInstant('1970-01-01T00:00:00.9Z'), 0);
  assert.equal(parseInstant('1969-12-31T23:59:59.9Z'), -1, 'truncated toward the past');
  for (const bad of [
    '2026-12-04T16:26:14', // no offset
    '2026-12-04 16:26:14Z', // a space for T
    '2026-12-04t16:26:14z',
    '2016-12-31T23:59:60Z', // leap second
    '0000-06-01T00:00:00Z', // year outside 0001–9999
    '0001-01-01T00:00:00+01:00', // 0000 in UTC
    '2026-02-29T00:00:00Z',
    '2026-12-04T16:26:14.Z',
    '2026-12-04T16:26:14.1234567890Z', // 10 digits
    '2026-12-04T16:26:14+0800',
    '2026-12-04T16:26:14+24:00',
    '2026-12-04T24:00:00Z',
  ])
    assert.equal(parseInstant(bad), null, bad);
});

test('RC-1 (announced_at with nanoseconds, whole-second reveals) verifies at the light level', () => {
  const { proof, failure } = loadProof(RC1);
  assert.equal(failure, null);
  assert.match(proof!.announcement.announced_at, /\.[0-9]{9}Z$/);
  const r = verifyLight(proof!);
  assert.deepEqual(r.failures, []);
  assert.ok(r.ok);
});

test('the same announcement written with a +08:00 offset hashes the same', () => {
  const json = JSON.parse(RC1.toString('utf8'));
  const at: string = json.announcement.announced_at;
  const t = parseInstant(at)!;
  const bj = new Date((t + 8 * 3600) * 1000).toISOString().slice(0, 19) + '.5+08:00';
  json.announcement.announced_at = bj;
  const { proof } = loadProof(new TextEncoder().encode(JSON.stringify(json)));
  const h = toHex(new Writer(8).bytes(encodeAnnouncement(announcementFields(proof!))).sha());
  assert.equal(h, json.announcement.hash);
  assert.ok(verifyLight(proof!).ok);
  // a different second is a different announcement
  json.announcement.announced_at = new Date((t + 1 + 8 * 3600) * 1000).toISOString().slice(0, 19) + '+08:00';
  const r = verifyLight(loadProof(new TextEncoder().encode(JSON.stringify(json))).proof!);
  assert.ok(!r.ok);
  assert.ok(r.failures.some((f) => f.area === 'announcement'));
});

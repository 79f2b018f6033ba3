import { isPermanentEmailFailure, messageIdFor } from './email-sender';

describe('isPermanentEmailFailure', () => {
  it.each([
    ['a 550 mailbox refusal', { code: 'EENVELOPE', responseCode: 550 }, true],
    ['a 554 message refusal', { code: 'EMESSAGE', responseCode: 554 }, true],
    ['a 451 try-later', { code: 'EENVELOPE', responseCode: 451 }, false],
    ['a 421 service closing', { code: 'EPROTOCOL', responseCode: 421 }, false],
    ['a refused connection', { code: 'ECONNECTION' }, false],
    ['a timeout', { code: 'ETIMEDOUT' }, false],
    [
      'a 535 authentication failure (configuration, not this message)',
      { code: 'EAUTH', responseCode: 535 },
      false,
    ],
    ['something that is not an SMTP error', 'boom', false],
  ])('%s → %p', (_label, error, permanent) => {
    expect(isPermanentEmailFailure(Object.assign(new Error('x'), error))).toBe(permanent);
  });
});

describe('messageIdFor', () => {
  const id = '6da21f8a-5cd2-491d-bb84-642ea77e6f45';

  it("puts the outbox id at the sender's domain", () => {
    expect(messageIdFor(id, 'no-reply@example.org')).toBe(`<${id}@example.org>`);
    expect(messageIdFor(id, 'Notifications <no-reply@mail.example.org>')).toBe(`<${id}@mail.example.org>`);
  });

  it('falls back to localhost without a sender', () => {
    expect(messageIdFor(id, undefined)).toBe(`<${id}@localhost>`);
  });
});

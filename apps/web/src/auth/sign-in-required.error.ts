/** No signed-in session (never was, signed out, or expired): the error filter sends the person to sign in. */
export class SignInRequiredError extends Error {
  constructor() {
    super('sign in required');
    this.name = 'SignInRequiredError';
  }
}

// The record-check provider protocol both sides of the wire share: the worker's HTTP adapter signs requests
// and checks references; the API's webhook verifies callbacks. Kept out of activities/ so the API needs none.
export * from './provider-ref';
export * from './provider-signature';

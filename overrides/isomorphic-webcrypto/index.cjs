'use strict';
/* global module */
// fhirclient's browser security module (PKCE, JWS) uses globalThis.crypto and asks for
// isomorphic-webcrypto only where that is missing. Every browser the app supports and every Node it
// runs on (>= 20) has it, so the polyfill (and, through its optional dependencies, Expo and React
// Native: about 400 packages) is replaced by the platform's own; package.json "overrides".
if (typeof globalThis.crypto !== 'object' || !globalThis.crypto || !globalThis.crypto.subtle) {
  throw new Error('This environment has no Web Crypto (globalThis.crypto.subtle), which SMART PKCE needs.');
}
module.exports = { default: globalThis.crypto };

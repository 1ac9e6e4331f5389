declare const crypto: Crypto;
export default crypto;

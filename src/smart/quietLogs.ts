/**
 * fhirclient logs through the `debug` package, which switches itself on when localStorage holds a
 * `debug` entry, and then prints token responses and authorization codes to the console. This
 * module is imported before fhirclient so that switch is off on the app's origin.
 */
try {
  localStorage.removeItem('debug');
  localStorage.removeItem('DEBUG');
} catch {
  // storage unavailable (privacy mode): then debug cannot be switched on either
}

// @vitest-environment jsdom
/**
 * The pseudo-locale's German run: the German texts transformed, every screen and the note in 'de', and no English
 * text that differs from its German shown anywhere (pseudo-locale.tsx).
 */
import { pseudoLocaleSuite } from './pseudo-locale';

pseudoLocaleSuite('de');

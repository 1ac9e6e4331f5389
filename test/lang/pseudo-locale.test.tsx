// @vitest-environment jsdom
/** The pseudo-locale's English run: the English texts transformed, every screen and the note in 'en' (pseudo-locale.tsx). */
import { pseudoLocaleSuite } from './pseudo-locale';

pseudoLocaleSuite('en');

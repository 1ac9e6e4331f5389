import type { LaunchSession } from '../smart/session';
import { defaultServices } from './defaultServices';
import { Workspace } from './Workspace';

/** The app after launch (src/main.tsx renders it once the SMART session is ready). */
export function App({ session }: { session: LaunchSession }) {
  return <Workspace session={session} services={defaultServices} />;
}

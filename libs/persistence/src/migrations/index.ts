// Listed in order, explicitly: a bundler cannot break an import list the way it breaks a glob.
import { InitialSchema1795238219575 } from './1795238219575-InitialSchema';
import { SeedRegionsAndIndexes1795238220575 } from './1795238220575-SeedRegionsAndIndexes';

export const MIGRATIONS = [InitialSchema1795238219575, SeedRegionsAndIndexes1795238220575];

import { dataEncryptionConfig, readConcern } from '../../libs/config/src/app-config';
import { FieldCipher } from '../../libs/persistence/src/field-cipher';

/**
 * The field cipher the apps build from this environment (the development key unless DATA_KEYS is set), so a
 * test's stores read and write what the API and worker under test do.
 */
export const fieldCipher = new FieldCipher(readConcern(dataEncryptionConfig).keyring);

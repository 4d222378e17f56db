import { readFileSync } from 'node:fs';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../lib/app-error';

// argon2id with OWASP's baseline (19 MiB, 2 passes, 1 lane): ~30–60 ms a hash here.
const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, not importable under isolatedModules)
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A real hash of nothing in particular: verifying against it makes an unknown e-mail cost as much as a known one. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('jasmin:aucun-compte:' + Math.random().toString(36));
  return dummyHash;
}

let common: Set<string> | undefined;
const FRENCH_COMMON = [
  'motdepasse', 'motdepasse1', 'motdepasse123', 'motdepasse1234', 'motdepasse2024', 'motdepasse2025', 'motdepasse2026',
  'azertyuiop', 'azertyuiop1', 'azertyuiop123', 'azertyuiopqs', 'azertyuiopqsdf', 'azerty123456', '123456azerty',
  'bonjour123456', 'soleil123456', 'jetaime123456', 'educationnationale', 'education123', 'academie1234',
  'etablissement', 'etablissement1', 'lycee12345678', 'college123456', 'jasmin123456', 'jasminjasmin',
];

function commonPasswords(): Set<string> {
  if (!common) {
    // The 49,000 most common passwords from public breaches (zxcvbn's list), plus French ones.
    const file = require.resolve('@zxcvbn-ts/language-common/src/passwords.json');
    const list = JSON.parse(readFileSync(file, 'utf8')) as string[];
    common = new Set([...list, ...FRENCH_COMMON].map((p) => p.toLowerCase()));
  }
  return common;
}

/** Length is checked by the shared schema; here: refuse common and trivially guessable passwords. */
export function assertAcceptablePassword(password: string, context: { email?: string } = {}, field = 'password'): void {
  const lower = password.toLowerCase();
  const reasons: string[] = [];
  if (commonPasswords().has(lower)) reasons.push('Ce mot de passe figure parmi les plus courants : choisissez-en un autre.');
  else if (/^(.)\1+$/.test(password)) reasons.push('Un mot de passe fait d’un seul caractère répété est trop facile à deviner.');
  else if ('01234567890123456789'.includes(password) || 'abcdefghijklmnopqrstuvwxyz'.includes(lower)) {
    reasons.push('Une suite de caractères consécutifs est trop facile à deviner.');
  }
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) reasons.push('Le mot de passe ne doit pas contenir votre identifiant.');
  if (reasons.length) throw new AppError('VALIDATION_FAILED', { fieldErrors: { [field]: reasons } });
}

export * from './contact';
export * from './password-policy';
export * from './roles';
export * from './display-name';
export * from './session-cache';
export * from './phone-code';

export * from './issuer';
export * from './issue-certificate';

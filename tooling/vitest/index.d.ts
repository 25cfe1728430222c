import type { UserConfig } from 'vitest/config';

export declare const basePreset: UserConfig;
export declare function definePackageConfig(overrides?: UserConfig): UserConfig;

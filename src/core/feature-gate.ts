import type { ModuleRegistry } from '../modules/registry.ts';
import type { ModuleService } from '../modules/service.ts';

/**
 * Feature gating: a feature code (declared in a module's `features`) is
 * available on a platform when its module is enabled there. Subscription
 * tiers (billing) narrow this further once plans exist; callers ask this one
 * place either way.
 *
 * @example
 * if (await features.isAvailable('wizamart', 'custom_reports')) showReportBuilder();
 */
export class FeatureGate {
  readonly #owner: ReadonlyMap<string, string>;
  readonly #modules: ModuleService;

  constructor(registry: ModuleRegistry, modules: ModuleService) {
    this.#owner = new Map([...registry.MODULES.values()].flatMap((d) => d.features.map((f) => [f, d.code] as const)));
    this.#modules = modules;
  }

  /** The module that declares a feature, if any. */
  moduleOf(feature: string): string | undefined {
    return this.#owner.get(feature);
  }

  async isAvailable(platform: string, feature: string): Promise<boolean> {
    const module = this.#owner.get(feature);
    return module !== undefined && (await this.#modules.isModuleEnabled(platform, module));
  }

  /** Every feature available on the platform. */
  async available(platform: string): Promise<string[]> {
    const enabled = new Set(await this.#modules.getEnabledModuleCodes(platform));
    return [...this.#owner].filter(([, module]) => enabled.has(module)).map(([feature]) => feature);
  }
}

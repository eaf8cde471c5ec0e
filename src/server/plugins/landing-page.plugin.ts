import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';

export interface LandingPageOptions {
  /** Off: no landing page at all. */
  enabled: boolean;
  kind: 'graphiql' | 'apollo-sandbox';
}

/**
 * Apollo's own landing page only for PLAYGROUND_KIND=apollo-sandbox: it loads Apollo Sandbox from Apollo's
 * CDN, so it needs internet. GraphiQL is served by the playground route instead.
 */
export function landingPagePlugin({ enabled, kind }: LandingPageOptions): ApolloServerPlugin {
  return enabled && kind === 'apollo-sandbox' ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled();
}

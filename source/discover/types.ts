/** A site named by someone's blogroll: where it lives and, when the list says, its feed. */
export interface ListedSite {
	/** The site's home page (or, when the list names only a feed, the feed url). */
	readonly url: string;
	readonly feedUrl: string | null;
	readonly title: string | null;
}

/** Where a site was seen. One followed feed vouches once per kind. */
export type Evidence =
	| {
			readonly kind: 'blogroll';
			/** The followed feed whose site publishes the blogroll (its title, as the user sees it). */
			readonly source: string;
			/** The followed site's key: a site never vouches for itself. */
			readonly sourceSite: string;
			/** The blogroll's url (an OPML, a page, a feed). */
			readonly via: string;
	  }
	| {
			readonly kind: 'link';
			readonly source: string;
			readonly sourceSite: string;
			/** How many links from that feed's cached posts point at the site. */
			readonly count: number;
	  };

/** A candidate site with everything known about it, as the ranking takes it. */
export interface Candidate {
	/** Registrable domain (or host for an IP): see siteKeyOf. */
	readonly site: string;
	readonly evidence: readonly Evidence[];
	/** No post in the last 12 months (known only once its feed was fetched). */
	readonly dormant: boolean;
}

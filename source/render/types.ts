/** A link referenced in an article body as `text[n]`, listed at the end of the article. */
export interface ArticleLink {
	readonly number: number;
	readonly url: string;
	/** Link text or image alt, one sanitized line. */
	readonly label: string;
	/** Only http, https and mailto may be opened; others are shown as text. */
	readonly isOpenable: boolean;
	/** The link is a picture's own url (images: marked in the link list). */
	readonly isImage?: boolean;
}

/** An FAQ question found in the article, with the line it starts on in `lines`. */
export interface ArticleQuestion {
	readonly text: string;
	readonly line: number;
}

/** A picture of the article (images): where it stands and what it is. Trackers and 1×1 pixels are never listed. */
export interface ArticleImage {
	readonly url: string;
	/** Alt text or title, one sanitized line; may be empty. */
	readonly alt: string;
	/** The line the picture goes before: the first line of the paragraph that holds it. */
	readonly line: number;
	/** The `width`/`height` attributes, when the HTML gives both: space can be reserved before loading. */
	readonly size: {readonly width: number; readonly height: number} | null;
}

/** An article rendered for the terminal at one width: ready-to-draw lines. */
export interface RenderedArticle {
	/** Each line fits the width (by display width); styled with ANSI only when `color`. */
	readonly lines: readonly string[];
	readonly links: readonly ArticleLink[];
	readonly questions: readonly ArticleQuestion[];
	/** The article's pictures (http/https only), in order; absent in renderings made before images. */
	readonly images?: readonly ArticleImage[];
}

export interface RenderOptions {
	/** Columns available; the text itself is capped at `readingWidth`. */
	readonly width: number;
	/** Comfortable reading width, default 80. */
	readonly readingWidth?: number;
	/** ANSI styling on (false for --plain and NO_COLOR). */
	readonly color: boolean;
	/** Language for labels like `[Bild: …]` / `[image: …]` and `F:`/`Q:`: the UI language, everywhere. */
	readonly language: 'de' | 'en';
	/** For resolving relative urls left in the HTML. */
	readonly baseUrl?: string | null;
}

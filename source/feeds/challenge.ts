/**
 * Bot walls: the pages CDNs and security plugins serve instead of the feed (Cloudflare's
 * "Just a moment…", Sucuri, DDoS-Guard, Imperva, captchas). Recognised by markers these
 * pages carry in their first kilobytes; a site's own 403 or 404 page has none of them.
 */

/** How much of a page is looked at: the markers sit in the head or the first script. */
export const CHALLENGE_SNIFF_BYTES = 32 * 1024;

const CHALLENGE_MARKERS =
	/cf-browser-verification|cf_chl_|__cf_chl|challenge-platform|cf-challenge|<title>\s*Just a moment\.\.\.|Attention Required! \| Cloudflare|Checking your browser|ddos-guard|sucuri website firewall|_Incapsula_Resource|Incapsula incident|px-captcha|g-recaptcha|h-captcha|hcaptcha\.com|Please enable (?:JavaScript|cookies) to continue|verify you are (?:a )?human/i;

/** True when the text (the start of a page) is a bot challenge rather than content or an error page. */
export function isChallengePage(text: string): boolean {
	return CHALLENGE_MARKERS.test(text.slice(0, CHALLENGE_SNIFF_BYTES));
}

import {Box} from 'ink';
import type {ArticleLink} from '../../render/types.js';
import {sanitizeLine} from '../../text/sanitize.js';
import {fitToWidth} from '../../text/width.js';
import {formatNumber, type Strings} from '../strings.js';
import {StyledLine} from './styled-line.js';

export interface LinkListProps {
	readonly links: readonly ArticleLink[];
	readonly selected: number;
	readonly offset: number;
	readonly width: number;
	readonly height: number;
	readonly strings: Strings;
	readonly color: boolean;
}

/** The article's numbered links, url then text; Enter opens the selected one (or the number typed). */
export function LinkList({links, selected, offset, width, height, strings, color}: LinkListProps) {
	const numberWidth = String(links.length).length + 2;
	const visible = links.slice(offset, offset + Math.max(0, height - 1));
	return (
		<Box flexDirection="column" width={width} height={height}>
			<StyledLine segments={[{text: fitToWidth(links.length > 0 ? strings.linksTitle(formatNumber(links.length, strings)) : strings.noLinks, width), style: 'title'}]} color={color} />
			{visible.map((link, index) => {
				const isSelected = offset + index === selected;
				const label = sanitizeLine(link.label);
				const url = sanitizeLine(link.url);
				// The url first: where a link leads is what a long image description would cut off.
				// images: a picture's own url says so (opening it still goes to the browser).
				const described = link.isImage ? `${strings.imageLink}${label && label !== strings.imageLink ? `: ${label}` : ''}` : label;
				const text = described && described !== url ? `${url} — ${described}` : url;
				return (
					<StyledLine
						key={link.number}
						isSelected={isSelected}
						segments={[
							{text: isSelected ? '›' : ' ', style: 'accent'},
							{text: `[${link.number}]`.padStart(numberWidth) + ' ', style: 'accent'},
							{text: fitToWidth(text, Math.max(0, width - numberWidth - 2)), style: link.isOpenable ? 'plain' : 'dim'},
						]}
						color={color}
					/>
				);
			})}
		</Box>
	);
}

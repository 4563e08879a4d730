// A retailer's notices as feeds: Atom (RFC 4287) for feed readers and JSON Feed 1.1 for programs. Entry ids
// are the notices' own stable ids, so a reader never shows one twice; newest first.
import { escapeXml } from '../../labels/index.js';
import type { Notice } from './watch-notices.js';

export interface FeedInput {
  organisation: { id: string; name: string };
  notices: readonly Notice[];
  /** Absolute URLs of the two feeds. */
  atomUrl: string;
  jsonUrl: string;
  /** When there are no notices yet: the feed's `updated`. */
  now: string;
}

const entryId = (notice: Notice) => `urn:iotlabel:notice:${notice.id}`;

export function atomFeed(input: FeedInput): string {
  const updated = input.notices[0]?.at ?? input.now;
  const entries = input.notices.map((n) =>
    [
      '  <entry>',
      `    <id>${entryId(n)}</id>`,
      `    <title>${escapeXml(n.title)}</title>`,
      `    <updated>${escapeXml(n.at)}</updated>`,
      `    <link rel="alternate" href="${escapeXml(n.product.url)}"/>`,
      `    <category term="${escapeXml(n.type)}"/>`,
      `    <summary>${escapeXml(n.summary)}</summary>`,
      `    <content type="text">${escapeXml(JSON.stringify(n))}</content>`,
      '  </entry>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>urn:iotlabel:feed:retailer:${escapeXml(input.organisation.id)}</id>`,
    `  <title>${escapeXml(`iotlabel notices for ${input.organisation.name}`)}</title>`,
    `  <updated>${escapeXml(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(input.atomUrl)}"/>`,
    `  <link rel="alternate" type="application/feed+json" href="${escapeXml(input.jsonUrl)}"/>`,
    '  <author><name>iotlabel registry</name></author>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

export function jsonFeed(input: FeedInput): Record<string, unknown> {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: `iotlabel notices for ${input.organisation.name}`,
    feed_url: input.jsonUrl,
    items: input.notices.map((n) => ({
      id: entryId(n),
      title: n.title,
      content_text: n.summary,
      date_published: n.at,
      url: n.product.url,
      tags: [n.type],
      _iotlabel: n,
    })),
  };
}

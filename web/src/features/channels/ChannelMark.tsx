import type { CSSProperties } from 'react';
import type { Schemas } from '../../lib/api/client.ts';
import classes from './ChannelMark.module.css';

type ChannelSource = Schemas['ChannelSource'];

/**
 * Each channel's colour, a shade of its brand dark enough for white text
 * (4.5:1 or more, checked in ChannelMark.test.ts): Airbnb's coral red, Booking.com's
 * blue, Vrbo's teal, a brown for any other calendar (violet is for the blocks channels close).
 */
export const CHANNEL_COLORS: Record<ChannelSource, string> = {
  airbnb: '#c7283c',
  booking: '#003580',
  vrbo: '#0b5e6b',
  other: '#8a4b08',
};

/** The letter written on the colour, so that the colour is never the only sign of the channel. */
const CHANNEL_LETTERS: Record<ChannelSource, string> = { airbnb: 'A', booking: 'B', vrbo: 'V', other: 'C' };

export const isChannelSource = (source: Schemas['ReservationSource']): source is ChannelSource =>
  source !== 'direct';

/**
 * A channel's letter on its colour: decoration beside its name, or inside a
 * timeline bar whose accessible name says the channel in words. The letter is
 * drawn by CSS, so that it is not part of the text of a button it sits in
 * (whose visible text must start its accessible name).
 */
export function ChannelMark({ source }: { source: ChannelSource }) {
  return (
    <span
      className={classes.mark}
      style={{ '--channel-color': CHANNEL_COLORS[source] } as CSSProperties}
      data-letter={CHANNEL_LETTERS[source]}
      aria-hidden
    />
  );
}

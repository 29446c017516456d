import { fillSlots, type SlotContext } from "./fill-slots";
import type { Random } from "./random";
import { isNearSampleTitle } from "./sample-titles";
import type { Topic } from "./topics";
import { TITLE_ACTIONS, TITLE_SUFFIXES, TITLE_TAILS } from "./vocabulary";

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * One title of the topic, composed the way committees title their items: an action and a subject
 * ("Status på fleksjobområdet"), a subject and a tail ("Fleksjobområdet - evaluering") or one of the
 * topic's own shapes ("Fleksjob - nøgletal maj 2021"), often with a year, place or committee after.
 */
function composeTitle(random: Random, topic: Topic, context: SlotContext): string {
  const subject = random.zipf(topic.subjects, 0.6);
  const shape = random.next();
  let title: string;
  if (shape < 0.55) title = `${random.zipf(TITLE_ACTIONS, 0.8)} ${subject}`;
  else if (shape < 0.75) title = `${capitalize(subject)} - ${random.zipf(TITLE_TAILS, 0.8)}`;
  else title = random.pick(topic.titles);
  // A title that already names a year, place or committee gets no second one.
  if (!title.includes("{") && random.chance(0.5)) title += random.zipf(TITLE_SUFFIXES, 0.7);
  return capitalize(fillSlots(title, context, random));
}

/**
 * A topical item's title that is neither a sample item's title nor a near-copy of one (see
 * {@link isNearSampleTitle}): redrawn until it is not, with a plain "<Subject> <year>" fallback that
 * is checked too. Deterministic for the random state.
 */
export function drawTitle(random: Random, topic: Topic, context: SlotContext): string {
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const title = composeTitle(random, topic, context);
    if (!isNearSampleTitle(title)) return title;
  }
  for (const subject of topic.subjects) {
    const title = capitalize(fillSlots(`${subject} - sag fra {aar}`, context, random));
    if (!isNearSampleTitle(title)) return title;
  }
  throw new Error(`lib/corpus/topics.ts: every subject of topic "${topic.key}" copies a sample title`);
}

// Block Kit as far as planbot's messages use it, for the Slack stand-in: the checks Slack
// makes before it takes a message's blocks (so that a message Slack would refuse is refused
// here too), the button a test presses, and a message's text as sent and as a reader sees it.
const BLOCK_TYPES = new Set(['section', 'actions', 'context', 'header', 'divider', 'rich_text', 'image']);

// What Slack would find wrong with `blocks` ([] when nothing, or when there are none), in
// Slack's words where it has them ("must be less than 3001 characters [json-pointer:/blocks/0/text/text]").
export function blockProblems(blocks) {
  if (blocks === undefined || blocks === null) return [];
  if (typeof blocks === 'string') {
    try { blocks = JSON.parse(blocks); } catch { return ['invalid json [json-pointer:/blocks]']; }
  }
  if (!Array.isArray(blocks)) return ['must be an array [json-pointer:/blocks]'];
  const problems = [];
  if (blocks.length > 50) problems.push('no more than 50 items allowed [json-pointer:/blocks]');
  const tooLong = (value, most, where) => {
    if (typeof value !== 'string' || value.length === 0) problems.push(`must be a non-empty string [json-pointer:${where}]`);
    else if (value.length > most) problems.push(`must be less than ${most + 1} characters [json-pointer:${where}]`);
  };
  const textObject = (text, most, where, plainOnly = false) => {
    if (!text || typeof text !== 'object') return problems.push(`must provide an object [json-pointer:${where}]`);
    if (text.type !== 'plain_text' && (plainOnly || text.type !== 'mrkdwn')) problems.push(`must be a valid enum value [json-pointer:${where}/type]`);
    return tooLong(text.text, most, `${where}/text`);
  };
  const actionIds = new Set();
  blocks.forEach((block, i) => {
    const at = `/blocks/${i}`;
    if (!BLOCK_TYPES.has(block?.type)) return problems.push(`must be a valid enum value [json-pointer:${at}/type]`);
    if (block.block_id !== undefined) tooLong(block.block_id, 255, `${at}/block_id`);
    if (block.type === 'section') {
      if (block.text === undefined && block.fields === undefined) problems.push(`must provide text or fields [json-pointer:${at}]`);
      if (block.text !== undefined) textObject(block.text, 3000, `${at}/text`);
      if (block.accessory?.type === 'button') button(block.accessory, `${at}/accessory`);
    } else if (block.type === 'header') {
      textObject(block.text, 150, `${at}/text`, true);
    } else if (block.type === 'actions' || block.type === 'context') {
      const most = block.type === 'actions' ? 25 : 10;
      if (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > most) {
        problems.push(`must have 1 to ${most} elements [json-pointer:${at}/elements]`);
      } else {
        block.elements.forEach((element, j) => {
          if (element.type === 'button') button(element, `${at}/elements/${j}`);
          else if (block.type === 'context') textObject(element, 3000, `${at}/elements/${j}`);
        });
      }
    }
    return undefined;
  });
  function button(element, where) {
    textObject(element.text, 75, `${where}/text`, true);
    if (element.action_id !== undefined) {
      tooLong(element.action_id, 255, `${where}/action_id`);
      if (actionIds.has(element.action_id)) problems.push(`action_id must be unique [json-pointer:${where}/action_id]`);
      actionIds.add(element.action_id);
    }
    if (element.value !== undefined) tooLong(element.value, 2000, `${where}/value`);
  }
  return problems;
}

// The first button in `blocks` with `actionId` (an actions block's element or a section's
// accessory): { button, blockId }, or null.
export function findButton(blocks, actionId) {
  for (const block of Array.isArray(blocks) ? blocks : []) {
    const candidates = [...(block.type === 'actions' ? block.elements ?? [] : []), ...(block.accessory ? [block.accessory] : [])];
    const button = candidates.find((element) => element.type === 'button' && (actionId === undefined || element.action_id === actionId));
    if (button) return { button, blockId: block.block_id };
  }
  return null;
}

// A message's `text` and the text of its blocks as sent (Slack's escapes kept: a mention
// that notifies is "<@U…>" here, an escaped one "&lt;@U…&gt;").
export function rawText(message) {
  return [message.text ?? '', ...blockTexts(message.blocks)].join('\n');
}

// rawText with Slack's escapes (&amp; &lt; &gt;) undone: what a test compares with the words
// planbot meant.
export const plainText = (message) => unescape(rawText(message));

// What a reader sees of a message: its blocks when it has any (Slack then shows `text` only
// in notifications), else its text; escapes undone.
export function visibleText(message) {
  const texts = blockTexts(message.blocks);
  return unescape(Array.isArray(message.blocks) && message.blocks.length ? texts.join('\n') : message.text ?? '');
}

function blockTexts(blocks) {
  const parts = [];
  for (const block of Array.isArray(blocks) ? blocks : []) {
    if (block.text?.text) parts.push(block.text.text);
    for (const field of block.fields ?? []) parts.push(field.text ?? '');
    for (const element of block.elements ?? []) {
      const text = typeof element.text === 'string' ? element.text : element.text?.text;
      if (text) parts.push(text);
    }
  }
  return parts;
}

const unescape = (text) => text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

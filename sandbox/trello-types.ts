import type { Actor } from './common.ts';

/** Trello's objects as the sandbox keeps them. */

export interface TrelloMember {
  readonly id: string;
  readonly fullName: string;
  readonly username: string;
  readonly initials: string;
}
export interface TrelloBoard {
  readonly id: string;
  name: string;
  readonly shortLink: string;
  closed: boolean;
}
export interface TrelloList {
  readonly id: string;
  readonly idBoard: string;
  name: string;
  closed: boolean;
  pos: number;
}
export interface TrelloLabel {
  readonly id: string;
  readonly idBoard: string;
  name: string;
  color: string | null;
}
export interface TrelloCard {
  readonly id: string;
  readonly idBoard: string;
  idList: string;
  name: string;
  desc: string;
  closed: boolean;
  due: number | null;
  dueComplete: boolean;
  dateLastActivity: number;
  idMembers: string[];
  idLabels: string[];
  /** Comments on the card (its `badges.comments`). */
  comments: number;
  readonly idShort: number;
  pos: number;
  readonly shortLink: string;
}
export interface TrelloAction {
  readonly id: string;
  readonly idMemberCreator: string;
  readonly type: string;
  readonly date: number;
  readonly data: Record<string, unknown>;
  readonly idBoard: string;
  readonly idCard: string | null;
  /** False for the types Trello leaves out of nested action listings (label changes). */
  readonly listed: boolean;
}

export type TrelloActor = Actor<TrelloMember>;
export interface CardInput {
  readonly idList: string;
  readonly name: string;
  readonly desc?: string | undefined;
  readonly due?: string | null | undefined;
  readonly labels?: readonly string[] | undefined;
  readonly idMembers?: readonly string[] | undefined;
}
export interface CardChange {
  readonly name?: string | undefined;
  readonly desc?: string | undefined;
  readonly due?: string | null | undefined;
  readonly dueComplete?: boolean | undefined;
  readonly closed?: boolean | undefined;
}

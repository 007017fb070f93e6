/** Strings of discussions: threads, replies, moderation. */
export const discussionsStrings = {
  failure: {
    signInRequired: "Sign in to take part in discussions.",
    notFound: "This discussion or post does not exist, or you cannot see it.",
    forbidden: "You are not allowed to do this here.",
    unknownPlace: "There is no such place for a discussion.",
    titleEmpty: "Give your discussion a title.",
    titleTooLong: "A title can have at most {{max}} characters.",
    bodyEmpty: "Write something before posting.",
    bodyTooLong: "A post can have at most {{max}} characters. Split it into several, or link to a document.",
    reasonRequired: "Give a reason: the member and other moderators will read it.",
    threadLocked: "This discussion is locked: no new replies.",
    threadRemoved: "This discussion was removed.",
    postRemoved: "This post was removed.",
    quotedPostNotInThread: "You can only quote a post of this discussion.",
    notAReply: "Only a reply can be the accepted answer.",
    notPending: "This post is not waiting for approval.",
    rateLimited_one:
      "You have posted {{limit}} times in {{windowMinutes}} minutes, the most we allow. Try again in a minute; your text is still here.",
    rateLimited_other:
      "You have posted {{limit}} times in {{windowMinutes}} minutes, the most we allow. Try again in {{count}} minutes; your text is still here.",
    duplicate: "You already posted this. We kept the first one.",
    alreadyReported: "You have already reported this post; a moderator will look at it.",
  },
  removedByAuthor: "Removed by its author",
  hiddenByModerator: "Hidden by a moderator",
  awaitingApproval: "Waiting for a moderator's approval",
};

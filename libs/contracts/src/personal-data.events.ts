/**
 * 个人信息查阅记录: someone read a reporter's personal data in full, for a reason they gave. Written
 * before the data is handed over, in a stream of its own per case (`personal-data-access-<caseId>`)
 * in intake's store, so that reads never move the case's revision (a station's If-Match stays
 * valid) while each access is under the hash chain and the Merkle log like any event. The actor
 * (who, with role and scope) is the envelope's; the record holds no personal data, only the case,
 * the reason and the time.
 */
export interface PersonalDataAccessed {
  readonly type: 'intake.PersonalDataAccessed.v1';
  readonly data: { readonly caseId: string; readonly reason: string; readonly accessedAt: string };
}

export type PersonalDataAccessEvent = PersonalDataAccessed;

import type { CatalogueIndex } from '@whistle/catalogue';
import type { Category, Level } from '@whistle/contracts';

/** The one attribute every service asks for: cases belong to compounds (小区), whose station handles them. */
export const COMPOUND_ATTRIBUTE = 'compound';

/** The level a category proposes, as the groups the services are listed under. */
const LEVEL_GROUP: Readonly<Record<Level, string>> = {
  1: '一级 宣传哨 (publicity whistle)',
  2: '二级 应急哨 (emergency whistle)',
  3: '三级 执法哨 (enforcement whistle)',
  4: '四级 攻坚哨 (tough-problem whistle)',
};

/** GET services: one entry per category (案件类别). */
export interface Open311Service {
  readonly service_code: string;
  readonly service_name: string;
  readonly description: string;
  readonly metadata: boolean;
  readonly type: 'realtime';
  readonly keywords: string;
  readonly group: string;
}

/** The catalogue's categories as GeoReport services: the name in Chinese, the English and the summoned units in the description. */
export function servicesOf(catalogue: CatalogueIndex): Open311Service[] {
  return catalogue.catalogue.categories.map((category) => serviceOf(category, catalogue));
}

function serviceOf(category: Category, catalogue: CatalogueIndex): Open311Service {
  const units = category.unitIds.map((id) => catalogue.unit(id)?.name.zh ?? id).join('、');
  return {
    service_code: category.id,
    service_name: category.name.zh,
    description: `${category.name.en}. 建议第${category.defaultLevel}级；成员单位：${units || '无'}`,
    // Every service asks for the compound (GET services/{code} says how).
    metadata: true,
    // A request becomes a case at once, with its id in the answer.
    type: 'realtime',
    keywords: [category.id, category.name.en].join(', '),
    group: LEVEL_GROUP[category.defaultLevel],
  };
}

export interface Open311AttributeValue {
  readonly key: string;
  readonly name: string;
}

export interface Open311Attribute {
  readonly variable: true;
  readonly code: string;
  readonly datatype: 'singlevaluelist';
  readonly required: true;
  readonly datatype_description: string;
  readonly order: number;
  readonly description: string;
  readonly values: readonly Open311AttributeValue[];
}

export interface Open311ServiceDefinition {
  readonly service_code: string;
  readonly attributes: readonly Open311Attribute[];
}

/** GET services/{code}: the compound, required, one of the catalogue's; undefined for a code the catalogue does not hold. */
export function serviceDefinitionOf(catalogue: CatalogueIndex, serviceCode: string): Open311ServiceDefinition | undefined {
  if (catalogue.category(serviceCode) === undefined) return undefined;
  const compounds = catalogue.catalogue.compounds.map((compound) => {
    const community = catalogue.community(compound.communityId)?.name.zh;
    return { key: compound.id, name: community ? `${community} ${compound.name.zh}` : compound.name.zh };
  });
  return {
    service_code: serviceCode,
    attributes: [
      {
        variable: true,
        code: COMPOUND_ATTRIBUTE,
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: '问题所在小区，填小区编号 (the compound the problem is in: its key)',
        order: 1,
        description: '所在小区 (compound)',
        values: compounds,
      },
    ],
  };
}
